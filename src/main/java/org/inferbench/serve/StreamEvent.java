package org.inferbench.serve;

/** What a {@link Backend} hands to a stream's writer, in order: tokens, then one end. */
sealed interface StreamEvent {
  /**
   * One output token.
   *
   * @param dueNanos the {@link System#nanoTime()} at which it should be written: its deadline on the ground-truth
   *     server, the moment the engine produced it otherwise; the writer's lateness is measured from it
   * @param finishReason {@code "length"} on the last token when the backend knows it is the last, else null
   */
  record Token(String text, long dueNanos, String finishReason) implements StreamEvent {}

  /**
   * The end, after the last token; a finish reason no token carried yet goes on a chunk without text.
   *
   * @param reason {@code "length"} (max tokens reached) or {@code "stop"} (end of sequence)
   */
  record Finish(String reason, int promptTokens, int completionTokens) implements StreamEvent {}

  /** The engine failed mid-request; the stream ends with an error object. */
  record Failure(String message) implements StreamEvent {}
}
