package org.inferbench.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a test that times real work (the calibration engine busy-waits on the wall clock) until an attempt passes.
 * A machine shared with other jobs can preempt a request and stretch it, which says nothing about the harness; a
 * wrong result fails every attempt, so the last failure is thrown. Every retry is counted and printed with what
 * failed, and so is a pass that needed one, so a disturbed run shows in the build log. Tests that use it carry
 * {@code @Tag("timing")}.
 */
public final class TimingRetry {
  public static final int ATTEMPTS = 4;
  private static final AtomicInteger RETRIES = new AtomicInteger();

  /** One measured attempt with its assertions. */
  public interface Attempt {
    void run() throws Exception;
  }

  private TimingRetry() {}

  public static void retry(String name, Attempt attempt) throws Exception {
    for (int i = 1; ; i++) {
      try {
        attempt.run();
        if (i > 1) System.out.printf("timing retry: %s passed at attempt %d of %d%n", name, i, ATTEMPTS);
        return;
      } catch (AssertionError e) {
        if (i == ATTEMPTS) throw e;
        int total = RETRIES.incrementAndGet();
        System.out.printf("timing retry: %s attempt %d of %d failed (%d retries in this run so far): %s%n", name, i,
            ATTEMPTS, total, firstLine(e.getMessage()));
        Thread.sleep(500L * i); // let a burst of other work pass
      }
    }
  }

  /** Retries so far in this JVM. */
  public static int retries() {
    return RETRIES.get();
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl) + " …";
  }
}
