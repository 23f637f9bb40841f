package org.inferbench.roofline.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A STREAM-like read test: {@code threads} threads each sum their own share of a set of long arrays, and the bytes
 * read divided by the wall time of the slowest thread is the bandwidth of one pass. The best pass is kept: a
 * roof is what the machine can do, not what it did while something else ran.
 *
 * <p>The sums are checked against the sum written at fill time, so the JIT cannot drop the reads as dead code.
 */
public final class MemoryBandwidth {
  /** Arrays of 64 MiB: large enough to stream, small enough to allocate without one giant contiguous block. */
  private static final int CHUNK_LONGS = 8 << 20;

  /** @param bytesPerS best pass; @param bufferBytes size read per pass; @param passes passes timed */
  public record Measurement(double bytesPerS, long bufferBytes, int passes, double[] passBytesPerS) {}

  private MemoryBandwidth() {}

  public static Measurement measure(int threads, long bufferBytes, int passes) throws Exception {
    if (threads < 1) throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
    if (passes < 1) throw new IllegalArgumentException("passes: expected >= 1, got " + passes);
    int chunks = (int) Math.max(threads, (bufferBytes / 8 + CHUNK_LONGS - 1) / CHUNK_LONGS);
    long[][] data = new long[chunks][];
    long expected = 0;
    for (int c = 0; c < chunks; c++) {
      long[] a = new long[CHUNK_LONGS];
      for (int i = 0; i < a.length; i++) a[i] = (long) c * 31 + i;
      for (long v : a) expected += v;
      data[c] = a;
    }
    long bytes = (long) chunks * CHUNK_LONGS * 8;
    double[] rates = new double[passes];
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "inferbench-probe-read");
      t.setDaemon(true);
      return t;
    });
    try {
      pass(pool, data, threads, expected); // warm-up: compiles the read loop before timing
      for (int p = 0; p < passes; p++) {
        long start = System.nanoTime();
        pass(pool, data, threads, expected);
        rates[p] = bytes / ((System.nanoTime() - start) / 1e9);
      }
    } finally {
      pool.shutdownNow();
    }
    double best = 0;
    for (double r : rates) best = Math.max(best, r);
    return new Measurement(best, bytes, passes, rates);
  }

  private static void pass(ExecutorService pool, long[][] data, int threads, long expected) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Long>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int from = (int) ((long) data.length * t / threads);
      int to = (int) ((long) data.length * (t + 1) / threads);
      parts.add(pool.submit(() -> {
        go.await();
        long sum = 0;
        for (int c = from; c < to; c++) sum += sum(data[c]);
        return sum;
      }));
    }
    go.countDown();
    long total = 0;
    for (Future<Long> f : parts) total += f.get();
    if (total != expected) {
      throw new IllegalStateException("memory probe: read sum " + total + " differs from written sum " + expected);
    }
  }

  /** Four independent accumulators keep several loads in flight per core. */
  private static long sum(long[] a) {
    long s0 = 0;
    long s1 = 0;
    long s2 = 0;
    long s3 = 0;
    int i = 0;
    for (; i + 3 < a.length; i += 4) {
      s0 += a[i];
      s1 += a[i + 1];
      s2 += a[i + 2];
      s3 += a[i + 3];
    }
    for (; i < a.length; i++) s0 += a[i];
    return s0 + s1 + s2 + s3;
  }
}
