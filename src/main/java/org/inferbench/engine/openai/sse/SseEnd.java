package org.inferbench.engine.openai.sse;

/**
 * How a stream ended. The standard discards an event that the stream ends before its blank line; the parser does
 * too, and says so here, because for a benchmark an event cut short is a failed request worth naming.
 */
public enum SseEnd {
  /** Everything sent was dispatched or was a comment. */
  CLEAN,
  /** Fields or part of a line came after the last blank line and were discarded. */
  MID_EVENT
}
