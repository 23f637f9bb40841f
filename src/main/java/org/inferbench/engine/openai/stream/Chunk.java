package org.inferbench.engine.openai.stream;

/**
 * One streamed chunk with its output tokens counted (METRICS.md, Serving: usage per chunk when the server gives it,
 * else the tokenizer over the text, else one).
 *
 * @param text the output text of every choice, in order (reasoning text before content); {@code ""} if none
 * @param tokens output tokens this chunk delivered
 * @param tokenSource where {@code tokens} came from
 * @param finishReason the first choice's finish reason that is set; nullable
 * @param usage the usage object the chunk carried; nullable
 * @param timings the server's own timings the chunk carried; nullable
 */
public record Chunk(
    String text, int tokens, TokenSource tokenSource, String finishReason, Usage usage, ServerTimings timings)
    implements StreamMessage {

  /** Whether this chunk counts for TTFT, ITL and E2E: role-only, empty and usage-only chunks do not. */
  public boolean carriesTokens() {
    return tokens > 0;
  }
}
