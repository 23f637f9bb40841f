package org.inferbench.engine.openai.client;

import java.util.List;
import org.inferbench.engine.openai.stream.ServerTimings;
import org.inferbench.engine.openai.stream.TokenSource;
import org.inferbench.engine.openai.stream.Usage;

/**
 * What one streamed request did, in absolute {@link System#nanoTime()} stamps (not offsets), so that requests that
 * overlapped can be set on one time line.
 *
 * @param scheduledNanos when the caller meant to send it
 * @param sendNanos when it was handed to the HTTP client
 * @param headersNanos when the response headers arrived, -1 if they never did
 * @param endNanos when the stream ended, failed or was cancelled
 * @param status the HTTP status, -1 without a response
 * @param chunks the chunks that carried output tokens, in arrival order
 * @param outputTokens the request's output tokens: final usage when sent, else the sum over chunks
 * @param outputTokenSource where {@code outputTokens} came from
 * @param usage the server's last usage; nullable
 * @param timings the server's own timings (llama-server); nullable
 * @param failure why the request failed; null if it did not
 * @param failureMessage one line saying what went wrong; null if nothing did
 * @param connection what the request's connection did, as one line of times from the send ({@code new connection
 *     +0.3 ms, request written +0.4 ms, headers 200 +15.1 ms, 3420 body bytes, last read +2.1 s, now +120.0 s})
 */
public record RequestTrace(long scheduledNanos, long sendNanos, long headersNanos, long endNanos, int status,
    List<ChunkArrival> chunks, int outputTokens, TokenSource outputTokenSource, Usage usage, ServerTimings timings,
    FailureKind failure, String failureMessage, String connection) {
  public RequestTrace {
    chunks = List.copyOf(chunks);
  }

  public boolean ok() {
    return failure == null;
  }

  /**
   * The prompt tokens the server said it answered from its prefix cache: the usage's
   * {@code prompt_tokens_details.cached_tokens}, else llama-server's {@code timings.cache_n}; -1 where it said nothing.
   */
  public int cachedPromptTokens() {
    if (usage != null && usage.cachedTokens() >= 0) return usage.cachedTokens();
    return timings != null && timings.cacheN() >= 0 ? timings.cacheN() : -1;
  }

  /** The first token-carrying chunk's arrival (TTFT's end), -1 if none arrived. */
  public long firstTokenNanos() {
    return chunks.isEmpty() ? -1 : chunks.get(0).arrivalNanos();
  }

  /** The last token-carrying chunk's arrival (E2E's end), -1 if none arrived. */
  public long lastTokenNanos() {
    return chunks.isEmpty() ? -1 : chunks.get(chunks.size() - 1).arrivalNanos();
  }
}
