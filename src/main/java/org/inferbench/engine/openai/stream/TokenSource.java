package org.inferbench.engine.openai.stream;

/** Where a count of output tokens came from, best first (METRICS.md, Serving: "the record says which"). */
public enum TokenSource {
  /** The server's usage: per chunk the difference of cumulative completion_tokens, per request the final usage. */
  USAGE,
  /** The model's tokenizer over the chunk's text. */
  TOKENIZER,
  /** Neither was available: one token per choice that carried text. */
  ONE,
  /** Nothing to count: a chunk with no text and no usage difference (role-only, empty, finish-only, usage-only). */
  NONE
}
