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
 * @param promptDraw for engines that draw a prompt of their own for each request (a server's client, whose prompts
 *     must not hit the server's prefix cache): a number unique to this request in the run, the same for the same
 *     request of two arms of a comparison; 0 where the harness gave none. Engines that run the ids ignore it
 */
public record Request(int[][] promptTokens, int outputTokens, boolean stopAtEos, String promptText, long promptDraw) {
  /** A request whose prompt is its token ids. */
  public Request(int[][] promptTokens, int outputTokens, boolean stopAtEos) {
    this(promptTokens, outputTokens, stopAtEos, null, 0);
  }

  public Request(int[][] promptTokens, int outputTokens, boolean stopAtEos, String promptText) {
    this(promptTokens, outputTokens, stopAtEos, promptText, 0);
  }

  /** The same request with its own draw number. */
  public Request withDraw(long draw) {
    return new Request(promptTokens, outputTokens, stopAtEos, promptText, draw);
  }

  public int batch() {
    return promptTokens.length;
  }

  public int promptLength() {
    return promptTokens[0].length;
  }
}
