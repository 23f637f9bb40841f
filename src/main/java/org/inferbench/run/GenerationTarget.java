package org.inferbench.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.Request;
import org.inferbench.load.Cancellation;
import org.inferbench.load.RequestTimes;
import org.inferbench.load.Target;
import org.inferbench.measure.RequestTimer;
import org.inferbench.measure.TokenTimeline;

/**
 * A loaded model as a load generator's target: each request is one generation, stepped to its end on the calling
 * (virtual) thread by {@link RequestTimer}, the loop that times a request run one at a time: the send time just
 * before the engine gets the request, each step's arrival after it. A request is built and prepared (a server's
 * body) before its send time; a generator that falls behind for it shows that as schedule lag, never as TTFT.
 */
final class GenerationTarget implements Target {
  /** "request failed (timeout): …" → timeout: the kind an engine names in its failure, else the exception's class. */
  private static final Pattern KIND = Pattern.compile("\\(([a-z_ -]+)\\)");

  /** The request of each number the generator sends (warm-up requests first, then the measured ones). */
  interface Requests {
    Request at(int index) throws Exception;
  }

  private final LoadedModel model;
  private final Requests requests;

  GenerationTarget(LoadedModel model, Requests requests) {
    this.model = model;
    this.requests = requests;
  }

  @Override
  public RequestTimes send(int index, long scheduledNs) {
    return send(index, scheduledNs, new Cancellation());
  }

  /**
   * A cancelled request stops at once where the engine can ({@link Generation#cancel}: a remote stream closes), else
   * at its next step, and is reported failed ("cancelled"; the generator names why).
   */
  @Override
  public RequestTimes send(int index, long scheduledNs, Cancellation cancel) {
    Request request;
    try {
      request = requests.at(index);
      model.prepare(request);
    } catch (Exception e) {
      long now = System.nanoTime();
      return RequestTimes.failed(scheduledNs, now, now, kind(e), 0);
    }
    int expected = Math.max(1, request.outputTokens());
    Generation g = null;
    String failure = null;
    TokenTimeline timeline = null;
    String how = null;
    long send = System.nanoTime();
    try {
      Generation started = model.start(request);
      g = started;
      cancel.onCancel(started::cancel); // a remote stream closes at once; an in-process step runs to its end
      // the step loop of a request run one at a time: one timing loop whatever the schedule around it
      timeline = RequestTimer.timeFrom(send, started, expected);
      if (cancel.cancelled()) failure = "cancelled";
    } catch (Exception e) {
      failure = cancel.cancelled() ? "cancelled" : kind(e);
      how = e.getMessage();
    } finally {
      failure = closed(g, failure);
    }
    int prompt = RequestMaker.promptTokens(request, g);
    if (failure != null) {
      // what was thrown (a stream's failure ends with what its connection did), else the engine's own account
      String detail = how != null ? how : g != null ? g.failureDetail() : null;
      return RequestTimes.failed(scheduledNs, send, System.nanoTime(), failure, prompt).failedAs(failure, detail);
    }
    RequestTimes ok = chunks(scheduledNs, timeline, System.nanoTime(), prompt);
    int cached = g.cachedPromptTokens();
    return cached < 0 ? ok : new RequestTimes(ok.scheduledNs(), ok.sendNs(), ok.chunkNs(), ok.tokensPerChunk(),
        ok.endNs(), null, ok.promptTokens(), cached);
  }

  /**
   * The timeline's tokens as the chunks they came in: a step's tokens share its one time. (Two chunks read in one
   * buffer share their arrival too and count as one chunk of both: the same TPOT and ITL, by METRICS.md's gap and
   * zeros.)
   */
  static RequestTimes chunks(long scheduledNs, TokenTimeline t, long endNs, int promptTokens) {
    long[] at = new long[t.tokens()];
    int[] tokens = new int[t.tokens()];
    int n = 0;
    for (int i = 0; i < t.tokens(); i++) {
      long time = t.startNanos() + t.offset(i);
      if (n > 0 && at[n - 1] == time) {
        tokens[n - 1]++;
      } else {
        at[n] = time;
        tokens[n++] = 1;
      }
    }
    return new RequestTimes(scheduledNs, t.startNanos(), java.util.Arrays.copyOf(at, n),
        java.util.Arrays.copyOf(tokens, n), endNs, null, promptTokens);
  }

  /** Closes the generation (which may wait for the stream's end); a failure there fails a request that had none. */
  private static String closed(Generation g, String failure) {
    if (g == null) return failure;
    try {
      g.close();
    } catch (Exception e) {
      return failure != null ? failure : kind(e);
    }
    return failure;
  }

  static String kind(Exception e) {
    String m = e.getMessage();
    Matcher k = m == null ? null : KIND.matcher(m);
    return k != null && k.find() ? k.group(1) : e.getClass().getSimpleName();
  }
}
