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
 * before the engine gets the request, each step's arrival after it.
 */
final class GenerationTarget implements Target {
  /** "request failed (timeout): …" → timeout: the kind an engine names in its failure, else the exception's class. */
  private static final Pattern KIND = Pattern.compile("\\(([a-z_ -]+)\\)");

  private final LoadedModel model;
  private final Request request;

  GenerationTarget(LoadedModel model, Request request) {
    this.model = model;
    this.request = request;
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
    int expected = Math.max(1, request.outputTokens());
    long[] at = new long[expected];
    int[] tokens = new int[expected];
    int chunks = 0;
    int got = 0;
    long send = System.nanoTime();
    try (Generation g = model.start(request)) {
      cancel.onCancel(g::cancel);
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
      return RequestTimes.failed(scheduledNs, send, System.nanoTime(), cancel.cancelled() ? "cancelled" : kind(e));
    }
    return new RequestTimes(scheduledNs, send, java.util.Arrays.copyOf(at, chunks),
        java.util.Arrays.copyOf(tokens, chunks), System.nanoTime(), null);
  }

  static String kind(Exception e) {
    String m = e.getMessage();
    Matcher k = m == null ? null : KIND.matcher(m);
    return k != null && k.find() ? k.group(1) : e.getClass().getSimpleName();
  }
}
