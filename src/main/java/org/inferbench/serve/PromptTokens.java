package org.inferbench.serve;

import org.inferbench.engine.PromptTokenizer;

/**
 * Turns a text prompt into token ids: with the model's tokenizer where the engine has one; otherwise a deterministic
 * stand-in that counts whitespace-separated words as tokens (each word's id a hash of it within the vocabulary), so
 * the prompt length a client asks for is the length served and the usage reports it.
 */
final class PromptTokens {
  private final PromptTokenizer tokenizer;
  private final int vocabulary;

  /** @param tokenizer the model's, or null for the stand-in */
  PromptTokens(PromptTokenizer tokenizer, int vocabulary) {
    this.tokenizer = tokenizer;
    this.vocabulary = Math.max(1, vocabulary);
  }

  int[] encode(String text) throws Exception {
    if (tokenizer != null) return tokenizer.encode(text);
    String trimmed = text.strip();
    if (trimmed.isEmpty()) return new int[0];
    String[] words = trimmed.split("\\s+");
    int[] ids = new int[words.length];
    for (int i = 0; i < words.length; i++) ids[i] = Math.floorMod(words[i].hashCode(), vocabulary);
    return ids;
  }

  /** Says how prompts are counted, for /version and the start line. */
  String describe() {
    return tokenizer != null ? "model tokenizer" : "whitespace-separated words (no tokenizer)";
  }
}
