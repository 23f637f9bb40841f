package org.inferbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Closed loop keeps exactly its concurrency in flight; open loop sends on its schedule whatever is in flight, and a
 * limit on what is in flight turns into schedule lag. The target here is a fixture with a known service time: a
 * queue of {@code slots} servers of {@code serviceMs} each (the ground-truth server proves the real client).
 */
final class LoadGeneratorTest {
  /** A deterministic-service queue: at most {@code slots} requests served at once, each taking serviceMs. */
  private static Target queue(int slots, double serviceMs, int chunks) {
    Semaphore free = new Semaphore(slots, true);
    return (index, scheduled) -> {
      long send = System.nanoTime();
      free.acquireUninterruptibly();
      try {
        long[] at = new long[chunks];
        int[] tokens = new int[chunks];
        long start = System.nanoTime();
        for (int c = 0; c < chunks; c++) {
          long due = start + (long) (serviceMs * 1e6 * (c + 1) / chunks);
          long wait;
          while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
          at[c] = System.nanoTime();
          tokens[c] = 1;
        }
        return new RequestTimes(scheduled, send, at, tokens, System.nanoTime(), null, 8);
      } finally {
        free.release();
      }
    };
  }

  @Test
  void closedLoopKeepsItsConcurrencyInFlight() throws Exception {
    LoadRun run = LoadGenerator.run(queue(100, 40, 4), new LoadShape.Concurrency(4), 4, 40, 60);
    assertThat(run.requests()).hasSize(40).allMatch(RequestTimes::ok);
    assertThat(run.peakInFlight()).isEqualTo(4);
    // 40 requests of 40 ms, 4 at a time: 10 rounds, about 0.4 s (generous: a busy machine only slows it)
    assertThat(run.windowS()).isBetween(0.39, 3.0);
    assertThat(run.requests()).allMatch(r -> r.lagNs() == 0 || r.lagNs() < 5_000_000);
  }

  @Test
  void openLoopSendsOnScheduleAndALimitShowsAsLag() throws Exception {
    // 50 requests/s, 100 ms each: about 5 in flight without a limit, and no request waits for its turn
    LoadShape.Rate free = new LoadShape.Rate(50, Arrival.CONSTANT, 1, 0, 1);
    LoadRun open = LoadGenerator.run(queue(100, 100, 2), free, 0, 25, 60);
    assertThat(open.requests()).hasSize(25);
    assertThat(open.peakInFlight()).isBetween(4, 7);
    assertThat(ServingStats.p(ServingStats.of(open, null).lagMs(), 50)).isLessThan(5);
    // at most one in flight: each waits for the one before, lag grows by about 80 ms a request
    LoadShape.Rate limited = new LoadShape.Rate(50, Arrival.CONSTANT, 1, 1, 1);
    LoadRun run = LoadGenerator.run(queue(100, 100, 2), limited, 0, 10, 60);
    assertThat(run.peakInFlight()).isEqualTo(1);
    double lastLag = run.requests().get(9).lagNs() / 1e6;
    assertThat(lastLag).isGreaterThan(9 * 80 * 0.95);
  }

  @Test
  void aTimeLimitStopsSendingAndKeepsWhatEnded() throws Exception {
    LoadRun run = LoadGenerator.run(queue(1, 50, 1), new LoadShape.Concurrency(1), 0, 1000, 0.3);
    assertThat(run.requests().size()).isBetween(1, 8);
    assertThat(run.requests()).allMatch(RequestTimes::ok);
  }

  @Test
  void aTargetThatThrowsCountsAsAFailedRequest() throws Exception {
    Target broken = (i, s) -> {
      throw new IllegalStateException("boom");
    };
    LoadRun run = LoadGenerator.run(broken, new LoadShape.Concurrency(2), 0, 5, 10);
    ServingStats s = ServingStats.of(run, null);
    assertThat(s.completed()).isZero();
    assertThat(s.errors()).containsEntry("client: IllegalStateException", 5);
  }
}
