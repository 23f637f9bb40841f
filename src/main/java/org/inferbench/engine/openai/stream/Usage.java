package org.inferbench.engine.openai.stream;

/**
 * A usage object as the server sent it. Sent per chunk (vLLM's {@code continuous_usage_stats}) the counts are
 * cumulative up to that chunk; sent once at the end they are the request's.
 *
 * @param promptTokens -1 if the server left it out
 * @param completionTokens always present: usage without it counts nothing and is not read as usage
 * @param cachedTokens {@code prompt_tokens_details.cached_tokens}: the prompt tokens the server answered from its
 *     prefix cache (llama-server always; vLLM with {@code --enable-prompt-tokens-details}; SGLang); -1 if left out
 */
public record Usage(int promptTokens, int completionTokens, int cachedTokens) {
  /** A usage that says nothing of a cache. */
  public Usage(int promptTokens, int completionTokens) {
    this(promptTokens, completionTokens, -1);
  }
}
