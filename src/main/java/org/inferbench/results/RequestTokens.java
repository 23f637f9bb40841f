package org.inferbench.results;

import java.util.List;

/**
 * Each measured request's prompt and output tokens (schema 4), where the requests of a configuration asked for
 * lengths of their own (a length distribution or a request file): in the order of the per-request samples (ttft,
 * e2e, encoder_latency), completed requests only, so every statistic can be recomputed per request. Output tokens
 * are those produced (0 for an encoder); prompt tokens those sent, counted by the harness, else by the server's
 * usage, else as the request file's words.
 */
public record RequestTokens(List<Integer> prompt, List<Integer> output) {
  public RequestTokens {
    prompt = List.copyOf(prompt);
    output = List.copyOf(output);
    if (prompt.size() != output.size()) {
      throw new IllegalArgumentException("request_tokens: expected as many prompt as output counts, got "
          + prompt.size() + " and " + output.size());
    }
  }
}
