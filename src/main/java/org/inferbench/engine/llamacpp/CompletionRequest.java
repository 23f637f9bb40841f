package org.inferbench.engine.llamacpp;

/**
 * One llama-server completion request (server.hpp params_from_json_cmpl of the binding's llama.cpp b4916) for a
 * measured request:
 *
 * <ul>
 *   <li>{@code "prompt": [ids]}: the exact token ids, never text (an array of numbers is taken as tokens, no BOS);
 *   <li>{@code "n_predict"} with {@code "ignore_eos": true}: exactly that many tokens (EOS gets a -inf bias);
 *   <li>{@code "cache_prompt": false}: no reuse of the previous request's KV cells, so every TTFT is a full prefill
 *       (the server's default is true);
 *   <li>{@code "stream": true}: one result per token, timed by the harness as it arrives;
 *   <li>{@code "samplers": ["top_k"], "top_k": 1}: greedy, deterministic and cheap, as the onnx engine decodes;
 *   <li>{@code "logit_bias"}: the held-back ids banned ({@link Vocabulary#heldBackIds}), so a result is one token.
 * </ul>
 */
final class CompletionRequest {
  private CompletionRequest() {}

  static String json(int[] prompt, int outputTokens, boolean stopAtEos, int[] banned) {
    StringBuilder b = new StringBuilder(32 + 7 * prompt.length + 10 * banned.length);
    b.append("{\"prompt\":[");
    for (int i = 0; i < prompt.length; i++) {
      if (i > 0) b.append(',');
      b.append(prompt[i]);
    }
    b.append("],\"n_predict\":").append(outputTokens)
        .append(",\"ignore_eos\":").append(!stopAtEos)
        .append(",\"cache_prompt\":false,\"stream\":true,\"samplers\":[\"top_k\"],\"top_k\":1,\"logit_bias\":[");
    for (int i = 0; i < banned.length; i++) {
      if (i > 0) b.append(',');
      b.append('[').append(banned[i]).append(",false]");
    }
    return b.append("]}").toString();
  }
}
