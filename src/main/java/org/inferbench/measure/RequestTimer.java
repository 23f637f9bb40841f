package org.inferbench.measure;

import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.Request;

/**
 * Times one request: the harness owns the clock. It reads System.nanoTime before handing the token ids to the
 * engine and after every step, and does nothing else in between, so its own cost per step is one clock read and
 * one array store.
 */
public final class RequestTimer {
  private RequestTimer() {}

  /**
   * Runs the request to completion. For an encoder (output 0) the timeline holds one entry: the end of the
   * forward pass. What the engine builds per request ({@link LoadedModel#prepare}) is built before the clock starts.
   */
  public static TokenTimeline time(LoadedModel model, Request request) throws Exception {
    int expected = Math.max(1, request.outputTokens());
    model.prepare(request);
    long start = System.nanoTime();
    TokenTimeline timeline = new TokenTimeline(start, expected);
    try (Generation g = model.start(request)) {
      run(g, timeline, expected);
    }
    return timeline;
  }

  /** Like {@link #time} but with the clock already started (e.g. tokenization inside TTFT). */
  public static TokenTimeline timeFrom(long start, Generation g, int expectedTokens) throws Exception {
    TokenTimeline timeline = new TokenTimeline(start, Math.max(1, expectedTokens));
    run(g, timeline, Math.max(1, expectedTokens));
    return timeline;
  }

  private static void run(Generation g, TokenTimeline timeline, int expected) throws Exception {
    while (timeline.tokens() < expected) {
      int k = g.step();
      long now = System.nanoTime();
      if (k <= 0) break;
      long arrived = g.arrivalNanos();
      timeline.record(arrived > 0 ? arrived : now, k);
    }
  }
}
