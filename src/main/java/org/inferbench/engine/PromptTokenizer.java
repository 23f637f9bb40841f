package org.inferbench.engine;

/** Turns prompt text into token ids with the model's own tokenizer (e.g. its tokenizer.json). */
public interface PromptTokenizer {
  int[] encode(String text) throws Exception;

  /**
   * The text of generated token ids (special tokens included, as a server streams them), or null where this
   * tokenizer cannot decode. A character whose bytes span several tokens decodes to replacement characters when
   * those tokens are decoded one at a time.
   */
  default String decode(int[] ids) throws Exception {
    return null;
  }
}
