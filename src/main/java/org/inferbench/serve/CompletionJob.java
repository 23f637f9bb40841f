package org.inferbench.serve;

/**
 * One parsed request, ready for a {@link Backend}.
 *
 * @param id the response id ({@code cmpl-…}, {@code chatcmpl-…}), the same on every chunk
 * @param promptTokens the prompt's token ids (text prompts tokenized by {@link PromptTokens})
 * @param maxTokens tokens to produce at most ({@code max_tokens} or {@code max_completion_tokens})
 * @param ignoreEos keep producing past an end-of-sequence token, up to maxTokens
 * @param stream answer as server-sent events rather than one JSON
 * @param includeUsage {@code stream_options.include_usage}: a last chunk with the usage
 */
record CompletionJob(ServeApi api, String id, String model, int[] promptTokens, int maxTokens, boolean ignoreEos,
    boolean stream, boolean includeUsage) {
  CompletionJob {
    if (promptTokens.length == 0) throw new IllegalArgumentException("empty prompt");
    if (maxTokens < 1) throw new IllegalArgumentException("max tokens below 1");
  }
}
