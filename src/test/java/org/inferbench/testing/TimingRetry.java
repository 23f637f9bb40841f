package org.inferbench.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a test that times real work (the calibration engine busy-waits on the wall clock) until an attempt passes.
 * A machine shared with other jobs can preempt a request and stretch it, which says nothing about the harness; a
 * wrong result fails every attempt, so the last failure is thrown. Every retry is counted and printed with what
 * failed, and so is a pass that needed one, so a disturbed run shows in the build log. Tests that use it carry
 * {@code @Tag("timing")} (TimingTagsTest checks both ways).
 *
 * <p>An attempt that can see the machine was disturbed (most requests far over a known cost) throws {@link
 * Disturbed} instead of failing: it is retried the same way, and if every attempt was disturbed the test is aborted
 * with the reason, since a machine that busy can show neither a pass nor a fault.
 */
public final class TimingRetry {
  public static final int ATTEMPTS = 4;
  private static final AtomicInteger RETRIES = new AtomicInteger();

  /** One measured attempt with its assertions. */
  public interface Attempt {
    void run() throws Exception;
  }

  /** One measured attempt that returns what it measured. */
  public interface Measured<T> {
    T run() throws Exception;
  }

  /** Thrown by an attempt that saw the machine disturb it; the message says how. */
  public static final class Disturbed extends RuntimeException {
    public Disturbed(String how) {
      super(how);
    }
  }

  private TimingRetry() {}

  public static void retry(String name, Attempt attempt) throws Exception {
    retry(name, () -> {
      attempt.run();
      return null;
    });
  }

  public static <T> T retry(String name, Measured<T> attempt) throws Exception {
    String disturbed = null;
    for (int i = 1; ; i++) {
      try {
        T t = attempt.run();
        if (i > 1) System.out.printf("timing retry: %s passed at attempt %d of %d%n", name, i, ATTEMPTS);
        return t;
      } catch (Disturbed e) {
        disturbed = e.getMessage();
        if (i == ATTEMPTS) {
          Assumptions.abort("machine too busy for " + name + " after " + ATTEMPTS + " attempts: " + disturbed);
        }
        note(name, i, "disturbed: " + disturbed);
      } catch (AssertionError e) {
        if (i == ATTEMPTS) throw e;
        note(name, i, "failed: " + firstLine(e.getMessage()));
      }
      Thread.sleep(500L * i); // let a burst of other work pass
    }
  }

  private static void note(String name, int attempt, String what) {
    int total = RETRIES.incrementAndGet();
    System.out.printf("timing retry: %s attempt %d of %d %s (%d retries in this run so far)%n", name, attempt,
        ATTEMPTS, what, total);
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
