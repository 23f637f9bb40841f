package org.inferbench.workload;

/**
 * One line of a request file.
 *
 * @param prompt the prompt's text, or null where the line gives a length to synthesize
 * @param promptTokens the length to synthesize; 0 for a text prompt (its tokens are counted when it is sent)
 * @param outputTokens tokens to generate
 */
public record RecordedRequest(String prompt, int promptTokens, int outputTokens) {
  /**
   * The prompt's length as far as it is known before a tokenizer reads it: the length given, or a text's
   * whitespace-separated words (an estimate, for the nominal length and the longest request a plan checks).
   */
  public int knownPromptTokens() {
    return prompt == null ? promptTokens : words(prompt);
  }

  /** A text's whitespace-separated words, at least 1: the estimate of its tokens where no tokenizer counts them. */
  public static int words(String text) {
    String t = text.strip();
    return t.isEmpty() ? 1 : t.split("\\s+").length;
  }
}
