package org.inferbench.serve;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The server's own lateness per chunk: the time its writer started writing the chunk minus the chunk's due time.
 * Recorded by thousands of writer threads at once, so a lock-free histogram: 1 µs buckets up to 10 ms, then 100 µs
 * buckets up to 1 s, then one overflow bucket; the maximum is exact. Percentiles are a bucket's upper edge, i.e. at
 * most 1 µs (100 µs past 10 ms) above the truth.
 */
final class Lateness {
  private static final int FINE = 10_000;
  private static final int COARSE = 9_900;
  private final AtomicLongArray buckets = new AtomicLongArray(FINE + COARSE + 1);
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong maxNanos = new AtomicLong();

  /** @param nanos actual minus due; early writes (negative) count as on time */
  void record(long nanos) {
    long late = Math.max(0, nanos);
    long us = late / 1000;
    int i = us < FINE ? (int) us : (int) Math.min(FINE + (us - FINE) / 100, FINE + COARSE);
    buckets.incrementAndGet(i);
    count.incrementAndGet();
    maxNanos.accumulateAndGet(late, Math::max);
  }

  /**
   * Starts counting afresh (one configuration of a sweep from the next); chunks written during the reset may land on
   * either side of it.
   */
  void reset() {
    count.set(0);
    maxNanos.set(0);
    for (int i = 0; i < buckets.length(); i++) buckets.set(i, 0);
  }

  /** A snapshot; the fields are NaN before the first chunk. */
  Summary summary() {
    long n = count.get();
    return new Summary(n, percentileUs(n, 0.50), percentileUs(n, 0.99), n == 0 ? Double.NaN : maxNanos.get() / 1e3);
  }

  private double percentileUs(long n, double q) {
    if (n == 0) return Double.NaN;
    long rank = (long) Math.ceil(q * n);
    long seen = 0;
    for (int i = 0; i < buckets.length(); i++) {
      seen += buckets.get(i);
      if (seen >= rank) return i < FINE ? i + 1 : FINE + (i - FINE + 1) * 100.0;
    }
    return maxNanos.get() / 1e3;
  }

  /** Lateness in microseconds over the chunks written so far. */
  record Summary(long chunks, double p50Us, double p99Us, double maxUs) {
    String line() {
      if (chunks == 0) return "lateness: no chunks written";
      return String.format(Locale.ROOT, "lateness over %d chunks: p50 %.0f µs, p99 %.0f µs, max %.1f µs", chunks,
          p50Us, p99Us, maxUs);
    }
  }
}
