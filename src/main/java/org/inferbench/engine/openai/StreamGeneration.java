package org.inferbench.engine.openai;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.inferbench.engine.Generation;
import org.inferbench.engine.openai.client.ChunkArrival;
import org.inferbench.engine.openai.client.RequestTrace;
import org.inferbench.engine.openai.client.StreamHandle;

/**
 * One streamed request as the run loop sees it: each step waits for the next chunk that carries tokens and returns
 * how many it carried, so the loop's clock reads follow the chunks' arrivals (late by the hand-over from the HTTP
 * client's thread; the trace keeps the arrival times themselves).
 */
final class StreamGeneration implements Generation {
  /** After the last token the usage chunk and [DONE] follow at once: waiting for them keeps the connection reusable. */
  private static final long TAIL_WAIT_MS = 2000;

  private final StreamHandle handle;
  private final long readTimeoutNanos;
  private final Consumer<RequestTrace> onEnd;

  StreamGeneration(StreamHandle handle, double readTimeoutS, Consumer<RequestTrace> onEnd) {
    this.handle = handle;
    this.readTimeoutNanos = Math.max(1, Math.round(readTimeoutS * 1e9));
    this.onEnd = onEnd;
  }

  @Override
  public int step() throws Exception {
    ChunkArrival c;
    try {
      c = handle.next(readTimeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("request failed (timeout): " + e.getMessage());
    }
    if (c != null) {
      return c.tokens();
    }
    RequestTrace t = handle.trace().join();
    if (!t.ok()) {
      throw new IllegalStateException("request failed (" + t.failure().name().toLowerCase() + "): "
          + t.failureMessage());
    }
    return 0;
  }

  @Override
  public void close() throws Exception {
    try {
      if (!handle.trace().isDone()) {
        handle.awaitTrace(TAIL_WAIT_MS, TimeUnit.MILLISECONDS);
      }
    } catch (TimeoutException e) {
      // the server keeps streaming past what was asked: stop reading
    } finally {
      handle.close();
      onEnd.accept(handle.trace().join());
    }
  }
}
