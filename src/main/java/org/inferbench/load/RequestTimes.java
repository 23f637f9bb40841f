package org.inferbench.load;

/**
 * One request as the client saw it, in absolute times (System.nanoTime's clock).
 *
 * @param scheduledNs when the load shape wanted it sent (closed loop: when its slot came free)
 * @param sendNs when it was handed to the client to send: the start of TTFT and E2E
 * @param chunkNs arrival of each chunk that carried output tokens, in order
 * @param tokensPerChunk output tokens of each of those chunks (same length as chunkNs)
 * @param endNs when the response ended (the stream's end, or the failure)
 * @param error the kind of failure (an HTTP status, "timeout", "disconnect", "malformed"), or null when it succeeded
 * @param promptTokens the prompt's length as sent (its own where requests vary); 0 where nothing counted it
 * @param cachedTokens the prompt tokens the server said it answered from its prefix cache; -1 where it said nothing
 * @param detail a failed request's one line on how it failed (what its connection did), or null
 */
public record RequestTimes(long scheduledNs, long sendNs, long[] chunkNs, int[] tokensPerChunk, long endNs,
    String error, int promptTokens, int cachedTokens, String detail) {
  /** A request whose server said nothing of a cache. */
  public RequestTimes(long scheduledNs, long sendNs, long[] chunkNs, int[] tokensPerChunk, long endNs, String error,
      int promptTokens) {
    this(scheduledNs, sendNs, chunkNs, tokensPerChunk, endNs, error, promptTokens, -1, null);
  }

  public RequestTimes(long scheduledNs, long sendNs, long[] chunkNs, int[] tokensPerChunk, long endNs, String error,
      int promptTokens, int cachedTokens) {
    this(scheduledNs, sendNs, chunkNs, tokensPerChunk, endNs, error, promptTokens, cachedTokens, null);
  }

  /** The same request failed as {@code kind}, keeping what is known of how. */
  public RequestTimes failedAs(String kind, String how) {
    return new RequestTimes(scheduledNs, sendNs, new long[0], new int[0], endNs, kind, promptTokens, -1, how);
  }

  public RequestTimes {
    if (chunkNs.length != tokensPerChunk.length) {
      throw new IllegalArgumentException("chunkNs and tokensPerChunk differ in length");
    }
  }

  public boolean ok() {
    return error == null && chunkNs.length > 0;
  }

  public int outputTokens() {
    int n = 0;
    for (int t : tokensPerChunk) n += t;
    return n;
  }

  /** Send time − scheduled time: how far the generator fell behind its schedule. */
  public long lagNs() {
    return sendNs - scheduledNs;
  }

  /** A failed request: no tokens, only when and why (and the prompt it sent, where known). */
  public static RequestTimes failed(long scheduledNs, long sendNs, long endNs, String error, int promptTokens) {
    return new RequestTimes(scheduledNs, sendNs, new long[0], new int[0], endNs, error, promptTokens);
  }
}
