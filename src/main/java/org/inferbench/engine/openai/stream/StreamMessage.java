package org.inferbench.engine.openai.stream;

/** What one event's data turned out to be. */
public sealed interface StreamMessage permits Chunk, ServerError, StreamMessage.Done, StreamMessage.Malformed {

  /** The {@code [DONE]} sentinel: the server finished the stream as the protocol says. */
  record Done() implements StreamMessage {}

  /**
   * Data that is not JSON, not an object, or not a chunk: a malformed stream (METRICS.md, errors).
   *
   * @param data what the server sent
   * @param reason why it was not read
   */
  record Malformed(String data, String reason) implements StreamMessage {}
}
