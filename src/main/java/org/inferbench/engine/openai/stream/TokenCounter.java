package org.inferbench.engine.openai.stream;

import java.util.function.ToIntFunction;

/**
 * Counts the output tokens of one stream's chunks, in order (METRICS.md, Serving). Usage counts a chunk only while
 * the server has sent usage with every chunk that carried text: then completion_tokens is cumulative and the
 * difference to the previous chunk is this chunk's. Once a chunk carried text without usage, a later usage (such as
 * llama-server's on its last chunk) is the request's total, and its difference would credit one chunk with tokens
 * that arrived earlier.
 */
final class TokenCounter {
  private final ToIntFunction<String> tokenizer;
  private int cumulative;
  private boolean usagePerChunk = true;

  /** @param tokenizer nullable: without one, a choice that carries text counts as one token */
  TokenCounter(ToIntFunction<String> tokenizer) {
    this.tokenizer = tokenizer;
  }

  Chunk count(ChunkFields f) {
    String text = f.text();
    if (!f.hasChoices()) {
      return chunk(f, text, 0, TokenSource.NONE); // usage-only: a report, not output
    }
    if (f.usage() != null && usagePerChunk) {
      int completion = f.usage().completionTokens();
      int delta = Math.max(0, completion - cumulative);
      cumulative = Math.max(cumulative, completion);
      return chunk(f, text, delta, delta > 0 ? TokenSource.USAGE : TokenSource.NONE);
    }
    if (f.texts().isEmpty()) {
      return chunk(f, text, 0, TokenSource.NONE);
    }
    usagePerChunk = false;
    if (tokenizer == null) {
      return chunk(f, text, f.texts().size(), TokenSource.ONE);
    }
    int tokens = 0;
    for (String t : f.texts()) {
      // a choice that delivered text delivered at least one token, even where the tokenizer sees none (a piece of a
      // multi-byte character, a merge with the text before it)
      tokens += Math.max(1, tokenizer.applyAsInt(t));
    }
    return chunk(f, text, tokens, TokenSource.TOKENIZER);
  }

  private static Chunk chunk(ChunkFields f, String text, int tokens, TokenSource source) {
    return new Chunk(text, tokens, source, f.finishReason(), f.usage(), f.timings());
  }
}
