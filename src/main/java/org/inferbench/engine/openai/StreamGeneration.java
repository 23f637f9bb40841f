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
 * how many it carried; the chunk's arrival time, stamped by the client's reading thread, is the step's time
 * ({@link #arrivalNanos}), so the hand-over between the threads is not counted.
 */
final class StreamGeneration implements Generation {
  /** After the last token the usage chunk and [DONE] follow at once: waiting for them keeps the connection reusable. */
  private static final long TAIL_WAIT_MS = 2000;

  private final StreamHandle handle;
  private final long readTimeoutNanos;
  private final Consumer<RequestTrace> onEnd;
  private long arrival = -1;

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
      arrival = c.arrivalNanos();
      return c.tokens();
    }
    RequestTrace t = handle.trace().join();
    if (!t.ok()) {
      throw new IllegalStateException("request failed (" + t.failure().name().toLowerCase() + "): "
          + t.failureMessage() + "; connection: " + t.connection());
    }
    return 0;
  }

  /** The server's count from its usage, once the stream ended; -1 before, or where it sent none. */
  @Override
  public int countedPromptTokens() {
    RequestTrace t = handle.trace().getNow(null);
    return t == null || t.usage() == null ? -1 : t.usage().promptTokens();
  }

  /** What the server said it answered from its prefix cache, once the stream ended; -1 before or where it did not. */
  @Override
  public int cachedPromptTokens() {
    RequestTrace t = handle.trace().getNow(null);
    return t == null ? -1 : t.cachedPromptTokens();
  }

  /** The failed stream's message and what its connection did; null while it streams or if it did not fail. */
  @Override
  public String failureDetail() {
    RequestTrace t = handle.trace().getNow(null);
    return t == null || t.ok() ? null : t.failure().name().toLowerCase() + ": " + t.failureMessage()
        + "; connection: " + t.connection();
  }

  /** The chunk's arrival as the client's reading thread stamped it, not when this step handed it over. */
  @Override
  public long arrivalNanos() {
    return arrival;
  }

  /** Closes the stream: a step waiting for a chunk gets the end at once and fails as cancelled. */
  @Override
  public void cancel() {
    handle.close();
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
