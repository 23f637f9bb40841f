package org.inferbench.engine;

/** Turns prompt text into token ids with the model's own tokenizer (e.g. its tokenizer.json). */
public interface PromptTokenizer {
  int[] encode(String text) throws Exception;
}
