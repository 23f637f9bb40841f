package org.inferbench.measure;

import java.util.Arrays;

/**
 * The harness's timestamps of one request: its start and the moment each output token became available.
 * Every latency metric is derived from these and nothing else (METRICS.md), by {@code run.MetricSamples}. A step
 * that delivers k tokens at once (a streamed chunk) records k entries with the same time.
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

  /** E2E: start to the last token. */
  public long e2eNanos() {
    return offset(count - 1);
  }

  @Override
  public String toString() {
    return "TokenTimeline" + Arrays.toString(offsets());
  }
}
