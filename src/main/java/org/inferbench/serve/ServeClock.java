package org.inferbench.serve;

import java.time.Instant;

/**
 * The write times chunks carry ({@code inferbench_write_ns}): epoch nanoseconds computed as
 * {@code System.nanoTime() + offset}, the offset read once at start from {@link Instant#now()}. A monotonic clock
 * with one fixed offset never steps back with NTP during a run, and has nanoTime's resolution; a client on the same
 * host that converts its own nanoTime with its own offset taken the same way compares with it to within the offsets'
 * error (a few µs: each is two clock reads, and the wall clock's resolution on Linux is below 1 µs).
 */
final class ServeClock {
  private final long offsetNanos;

  ServeClock() {
    long before = System.nanoTime();
    Instant wall = Instant.now();
    long after = System.nanoTime();
    long wallNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
    this.offsetNanos = wallNanos - (before + (after - before) / 2);
  }

  /** Epoch nanoseconds of a {@link System#nanoTime()} reading. */
  long epochNanos(long nanoTime) {
    return nanoTime + offsetNanos;
  }
}
