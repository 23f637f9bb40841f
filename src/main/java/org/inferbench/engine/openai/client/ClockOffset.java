package org.inferbench.engine.openai.client;

import java.time.Instant;

/**
 * Converts {@link System#nanoTime()} to epoch nanoseconds with one offset taken when the client starts, so that
 * arrival times can be set against a server's wall-clock write times without reading the wall clock per chunk (the
 * wall clock may step; nanoTime does not).
 */
public final class ClockOffset {
  private final long epochMinusNano;

  private ClockOffset(long epochMinusNano) {
    this.epochMinusNano = epochMinusNano;
  }

  /** Takes the pair of readings with the smallest gap of a few, so the offset errs by at most that gap. */
  public static ClockOffset measure() {
    long best = 0;
    long bestGap = Long.MAX_VALUE;
    for (int i = 0; i < 8; i++) {
      long before = System.nanoTime();
      Instant now = Instant.now();
      long after = System.nanoTime();
      long gap = after - before;
      if (gap < bestGap) {
        bestGap = gap;
        long epoch = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        best = epoch - (before + gap / 2);
      }
    }
    return new ClockOffset(best);
  }

  public long toEpochNanos(long nanoTime) {
    return nanoTime + epochMinusNano;
  }
}
