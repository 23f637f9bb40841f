package org.inferbench.engine;

/**
 * One request: a batch of prompts of equal length and the number of tokens to produce for each.
 *
 * @param promptTokens [batch][prompt] token ids
 * @param outputTokens tokens to generate per sequence (0 for encoders)
 * @param stopAtEos end early when every sequence produced its end-of-sequence token
 * @param promptText the prompt as text where the workload gave text to send as it is (a request file's line), for
 *     engines that send text (a server); null where the ids are the prompt. The ids are then the text's by the
 *     model's tokenizer, or empty ([batch][0]) where nothing could count them before sending
 */
public record Request(int[][] promptTokens, int outputTokens, boolean stopAtEos, String promptText) {
  /** A request whose prompt is its token ids. */
  public Request(int[][] promptTokens, int outputTokens, boolean stopAtEos) {
    this(promptTokens, outputTokens, stopAtEos, null);
  }

  public int batch() {
    return promptTokens.length;
  }

  public int promptLength() {
    return promptTokens[0].length;
  }
}
