package org.inferbench.measure;

import java.util.Arrays;

/**
 * The harness's timestamps of one request: its start and the moment each output token became available.
 * Every latency metric is derived from these and nothing else (METRICS.md). A step that delivers k tokens at
 * once (a streamed chunk) records k entries with the same time.
 */
public final class TokenTimeline {
  private final long startNanos;
  private final long[] tokenNanos;
  private int count;

  /** @param expectedTokens capacity; sized up front so recording never allocates inside the measured loop */
  public TokenTimeline(long startNanos, int expectedTokens) {
    this.startNanos = startNanos;
    this.tokenNanos = new long[Math.max(1, expectedTokens)];
  }

  private TokenTimeline(long startNanos, long[] tokenNanos, int count) {
    this.startNanos = startNanos;
    this.tokenNanos = tokenNanos;
    this.count = count;
  }

  /** Rebuilds a timeline from stored offsets (nanoseconds after the start). */
  public static TokenTimeline ofOffsets(long[] offsets) {
    return new TokenTimeline(0, offsets.clone(), offsets.length);
  }

  /** Records {@code tokens} tokens available at {@code nanos}. */
  public void record(long nanos, int tokens) {
    for (int i = 0; i < tokens; i++) {
      if (count == tokenNanos.length) {
        return; // more than asked for: the request is complete, extra tokens are not part of it
      }
      tokenNanos[count++] = nanos;
    }
  }

  public int tokens() {
    return count;
  }

  public long startNanos() {
    return startNanos;
  }

  /** Nanoseconds from the start to token {@code i} (0-based). */
  public long offset(int i) {
    if (i >= count) throw new IndexOutOfBoundsException(i);
    return tokenNanos[i] - startNanos;
  }

  public long[] offsets() {
    long[] o = new long[count];
    for (int i = 0; i < count; i++) o[i] = tokenNanos[i] - startNanos;
    return o;
  }

  /** TTFT: start to the first token. */
  public long ttftNanos() {
    return offset(0);
  }

  /** E2E: start to the last token. */
  public long e2eNanos() {
    return offset(count - 1);
  }

  /** ITL gaps between tokens i−1 and i for i ≥ 2 (1-based), in nanoseconds. */
  public long[] itlNanos() {
    if (count < 2) return new long[0];
    long[] gaps = new long[count - 1];
    for (int i = 1; i < count; i++) gaps[i - 1] = tokenNanos[i] - tokenNanos[i - 1];
    return gaps;
  }

  @Override
  public String toString() {
    return "TokenTimeline" + Arrays.toString(offsets());
  }
}
