package org.inferbench.engine.openai.client;

import org.inferbench.engine.openai.stream.TokenSource;

/**
 * One chunk that carried output tokens, as the client received it.
 *
 * @param arrivalNanos {@link System#nanoTime()} when the read holding the chunk's last byte was handed to the client
 * @param tokens output tokens the chunk delivered
 * @param source where {@code tokens} came from
 * @param text the chunk's output text
 * @param serverWriteEpochNanos the server's {@code inferbench_write_ns} (epoch nanoseconds), -1 if it sent none
 * @param serverArrivalEpochNanos on a stream's first chunk, the server's {@code inferbench_arrival_ns} (when the
 *     request reached it), -1 if it sent none
 */
public record ChunkArrival(long arrivalNanos, int tokens, TokenSource source, String text, long serverWriteEpochNanos,
    long serverArrivalEpochNanos) {
  public ChunkArrival(long arrivalNanos, int tokens, TokenSource source, String text, long serverWriteEpochNanos) {
    this(arrivalNanos, tokens, source, text, serverWriteEpochNanos, -1);
  }
}
