package org.inferbench.engine;

/**
 * One request: a batch of prompts of equal length and the number of tokens to produce for each.
 *
 * @param promptTokens [batch][prompt] token ids
 * @param outputTokens tokens to generate per sequence (0 for encoders)
 * @param stopAtEos end early when every sequence produced its end-of-sequence token
 */
public record Request(int[][] promptTokens, int outputTokens, boolean stopAtEos) {
  public int batch() {
    return promptTokens.length;
  }

  public int promptLength() {
    return promptTokens[0].length;
  }
}
