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

  /** The tokens generated so far for sequence {@code i}, for checks and prompt-independent tests. */
  default int[] tokens(int sequence) {
    return new int[0];
  }

  @Override
  default void close() throws Exception {}
}
