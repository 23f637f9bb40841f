package org.inferbench.engine;

/**
 * One request in flight. The harness calls {@link #step()} and takes the time after each call, so an engine
 * never reads the clock for a metric.
 */
public interface Generation extends AutoCloseable {
  /**
   * Does the next unit of work: the prefill (or encoder pass) on the first call, then one decode step — or,
   * for a remote server, waits for the next streamed chunk.
   *
   * @return how many new output tokens per sequence are now available to the caller (an encoder's forward
   *     pass returns 1: its output is ready); 0 when the request has finished early (end of sequence)
   */
  int step() throws Exception;

  /**
   * When the last step's output arrived (System.nanoTime), where it arrived on another thread before {@link #step()}
   * handed it over — a remote stream read by the HTTP client's thread, whose hand-over would otherwise add up to a
   * millisecond; -1 where the step did the work itself and the harness's clock read after it is the time.
   */
  default long arrivalNanos() {
    return -1;
  }

  /**
   * The prompt's length as the engine counted it, once the request ended (a server's usage, for a text prompt no
   * tokenizer on this side could count), or -1 where it did not count; the harness prefers its own count.
   */
  default int countedPromptTokens() {
    return -1;
  }

  /**
   * The prompt tokens the engine answered from a prefix cache, as it reported once the request ended (a server's
   * usage or timings), or -1 where it reported nothing.
   */
  default int cachedPromptTokens() {
    return -1;
  }

  /**
   * Once a request failed, what the engine knows of how (a server connection's history: connected, request written,
   * headers, bytes), as one line; null where it knows no more than the failure's kind.
   */
  default String failureDetail() {
    return null;
  }

  /** The tokens generated so far for sequence {@code i}, for checks and prompt-independent tests. */
  default int[] tokens(int sequence) {
    return new int[0];
  }

  /**
   * Stops the request from another thread (a load generator's request timeout) while {@link #step()} may be waiting:
   * the step then ends promptly, by returning 0 or throwing. Where a step cannot be interrupted (in-process engines)
   * this does nothing and the caller stops at the next step boundary.
   */
  default void cancel() {}

  @Override
  default void close() throws Exception {}
}
