package org.inferbench.load;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The per-request timeout, engine-neutral: a request not finished (its last token in) within it of its send is
 * cancelled through its {@link Cancellation} and counted as an error of kind {@value #KIND}, never in the latencies,
 * whatever the target reported after the deadline; the run goes on. One timer thread for a whole run, so thousands
 * of requests in flight cost no thread each.
 */
final class RequestTimeout implements AutoCloseable {
  /** The error kind, the same the openai client gives a stream that stalls past its read-timeout. */
  static final String KIND = "timeout";

  private final long nanos;
  private final ScheduledThreadPoolExecutor timer;

  /** @param seconds the timeout; infinite for none */
  RequestTimeout(double seconds) {
    if (!(seconds > 0)) throw new IllegalArgumentException("--request-timeout: expected a duration above 0, got " + seconds);
    if (Double.isInfinite(seconds)) {
      nanos = Long.MAX_VALUE;
      timer = null;
      return;
    }
    nanos = Math.max(1, Math.round(seconds * 1e9));
    timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("request-timeout").factory());
    timer.setRemoveOnCancelPolicy(true); // most requests end in time: their timers must not pile up
  }

  /** Starts one request's clock (just before the target sends it): at the timeout it is cancelled. */
  Runnable arm(Cancellation c) {
    if (timer == null) return () -> {};
    ScheduledFuture<?> f = timer.schedule(c::cancel, nanos, TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  /**
   * The request as it counts: as the target reported it if its last token came within the timeout (a target that
   * stops early when cancelled reports a failure), else a timeout. A failure of its own before the deadline (an HTTP
   * error, say) keeps its kind.
   */
  RequestTimes judge(RequestTimes t, Cancellation c) {
    if (timer == null) return t;
    long[] chunks = t.chunkNs();
    if (t.ok() && chunks[chunks.length - 1] - t.sendNs() <= nanos) return t;
    if (t.ok() || c.cancelled() || t.endNs() - t.sendNs() > nanos) {
      return t.failedAs(KIND, t.detail());
    }
    return t;
  }

  @Override
  public void close() {
    if (timer != null) timer.shutdownNow();
  }
}
