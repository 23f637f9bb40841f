package org.inferbench.engine.openai.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.inferbench.engine.openai.stream.TokenSource;

/**
 * One request in flight, seen from the side that consumes it: token chunks one by one as they arrive (for a caller
 * that waits on each, like the run loop's step), and the whole {@link RequestTrace} once the stream ends (for a load
 * generator that only reads traces). Closing it before the end cancels the request.
 */
public final class StreamHandle implements AutoCloseable {
  /** Queued after the last chunk, by identity. */
  private static final ChunkArrival END = new ChunkArrival(-1, 0, TokenSource.NONE, "", -1);

  private final LinkedBlockingQueue<ChunkArrival> arrivals = new LinkedBlockingQueue<>();
  private final CompletableFuture<RequestTrace> trace = new CompletableFuture<>();
  private volatile Runnable canceller = () -> {};
  private volatile java.util.function.Supplier<String> connection = () -> "not sent";
  private boolean endSeen;

  void arrived(ChunkArrival chunk) {
    arrivals.add(chunk);
  }

  void ended(RequestTrace t) {
    if (trace.complete(t)) {
      arrivals.add(END);
    }
  }

  void onCancel(Runnable r) {
    canceller = r;
  }

  void onDescribe(java.util.function.Supplier<String> d) {
    connection = d;
  }

  /** What the request's connection did so far (connected? request written? headers? bytes?), as one line. */
  public String connection() {
    return connection.get();
  }

  /**
   * Waits for the next chunk that carries tokens.
   *
   * @return the chunk, or null once the stream has ended (then {@link #trace()} is complete and says how)
   * @throws TimeoutException when nothing arrived within the timeout (the request is then cancelled)
   */
  public ChunkArrival next(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
    if (endSeen) {
      return null;
    }
    ChunkArrival c = arrivals.poll(timeout, unit);
    if (c == null) {
      String state = connection(); // before the cancel closes it
      close();
      throw new TimeoutException("no chunk within " + unit.toMillis(timeout) + " ms; connection: " + state);
    }
    if (c == END) {
      endSeen = true;
      return null;
    }
    return c;
  }

  public CompletableFuture<RequestTrace> trace() {
    return trace;
  }

  /** Waits for the end of the stream. */
  public RequestTrace awaitTrace(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
    try {
      return trace.get(timeout, unit);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // never: traces are completed, not failed
    }
  }

  /** Cancels the request if it is still streaming; its trace then ends as {@link FailureKind#CANCELLED}. */
  @Override
  public void close() {
    if (!trace.isDone()) {
      canceller.run();
    }
  }
}
