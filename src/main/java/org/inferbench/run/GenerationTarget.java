package org.inferbench.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.Request;
import org.inferbench.load.Cancellation;
import org.inferbench.load.RequestTimes;
import org.inferbench.load.Target;

/**
 * A loaded model as a load generator's target: each request is one generation, stepped to its end on the calling
 * (virtual) thread with the same clock reads as {@link org.inferbench.measure.RequestTimer}: the send time just
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
    long[] at = new long[expected];
    int[] tokens = new int[expected];
    int chunks = 0;
    int got = 0;
    Generation g = null;
    String failure = null;
    long send = System.nanoTime();
    try {
      Generation started = model.start(request);
      g = started;
      cancel.onCancel(started::cancel);
      while (got < expected) {
        if (cancel.cancelled()) throw new IllegalStateException("request failed (cancelled)");
        int k = g.step();
        long now = System.nanoTime();
        if (k <= 0) break;
        long arrived = g.arrivalNanos();
        at[chunks] = arrived > 0 ? arrived : now;
        tokens[chunks++] = k;
        got += k;
      }
    } catch (Exception e) {
      failure = cancel.cancelled() ? "cancelled" : kind(e);
    } finally {
      failure = closed(g, failure);
    }
    int prompt = RequestMaker.promptTokens(request, g);
    if (failure != null) return RequestTimes.failed(scheduledNs, send, System.nanoTime(), failure, prompt);
    return new RequestTimes(scheduledNs, send, java.util.Arrays.copyOf(at, chunks),
        java.util.Arrays.copyOf(tokens, chunks), System.nanoTime(), null, prompt);
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
