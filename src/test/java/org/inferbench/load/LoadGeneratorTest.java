package org.inferbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Closed loop keeps exactly its concurrency in flight; open loop sends on its schedule whatever is in flight, and a
 * limit on what is in flight turns into schedule lag; a ramp-up starts streams (or arrivals) gradually and its
 * requests stay out of the measured ones; a request past its timeout is a timeout error and the run goes on. The
 * target here is a fixture with a known service time: a queue of {@code slots} servers of {@code serviceMs} each
 * (the ground-truth server proves the real client).
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

  @Test
  void aClosedLoopRampStartsItsStreamsSpreadOverItAndMeasuresAfterIt() throws Exception {
    // 4 streams over 300 ms start 75 ms apart; a request takes 500 ms, so each stream sends one request in the ramp
    LoadRun run = LoadGenerator.run(queue(100, 500, 1), new LoadShape.Concurrency(4, new RampUp(0.3)), 0, 4, 60);
    assertThat(run.ramp()).hasSize(4).allMatch(RequestTimes::ok);
    long first = run.ramp().get(0).scheduledNs();
    for (int i = 0; i < 4; i++) {
      RequestTimes r = run.ramp().get(i);
      assertThat((r.scheduledNs() - first) / 1e6).as("stream %d's start (ms)", i).isCloseTo(75.0 * i, within(0.01));
      assertThat(r.lagNs() / 1e6).as("stream %d's lag (ms)", i).isLessThan(40);
    }
    assertThat(run.requests()).hasSize(4).allMatch(r -> r.sendNs() - first >= 300_000_000L);
    // the statistics see the measured requests only; the count in flight sees the ramp too
    assertThat(ServingStats.of(run, null).completed()).isEqualTo(4);
    assertThat(run.peakInFlight()).isEqualTo(4);
  }

  @Test
  void anOpenLoopRampsItsRateAndItsRequestsAreNotMeasured() throws Exception {
    // constant 50/s over a 0.39 s ramp: R·T/2 = 9.75, so 10 requests in the ramp, then the 10 measured ones 20 ms apart
    LoadShape.Rate r = new LoadShape.Rate(50, Arrival.CONSTANT, 1, 0, 1, new RampUp(0.39));
    LoadRun run = LoadGenerator.run(queue(100, 10, 1), r, 0, 10, 60);
    assertThat(run.ramp()).hasSize(10);
    assertThat(run.requests()).hasSize(10);
    long first = run.ramp().get(0).scheduledNs();
    assertThat(run.ramp()).allMatch(x -> x.scheduledNs() - first < 390_000_000L);
    assertThat(run.requests()).allMatch(x -> x.scheduledNs() - first >= 390_000_000L);
    // the rate rises from 0: the ramp's first gap is its longest, √(2·0.39/50) = 124.9 ms
    assertThat((run.ramp().get(1).scheduledNs() - first) / 1e6).isCloseTo(124.9, within(0.1));
    ServingStats s = ServingStats.of(run, null);
    assertThat(s.completed()).isEqualTo(10);
    assertThat(s.windowS()).isLessThan(0.39); // from the first measured send, not the ramp's
  }

  @Test
  void aRequestPastItsTimeoutIsATimeoutAndTheRunGoesOn() throws Exception {
    // every third request hangs for 2 s and ignores cancellation; one that stops when cancelled is cut at once
    AtomicInteger n = new AtomicInteger();
    Target slowSometimes = (index, scheduled) -> {
      long send = System.nanoTime();
      LockSupport.parkNanos(n.getAndIncrement() % 3 == 2 ? 2_000_000_000L : 10_000_000L);
      long end = System.nanoTime();
      return new RequestTimes(scheduled, send, new long[] {end}, new int[] {1}, end, null, 0);
    };
    LoadRun run = LoadGenerator.run(slowSometimes, new LoadShape.Concurrency(3), 0, 9, 60, 0.2);
    ServingStats s = ServingStats.of(run, null);
    assertThat(s.errors()).containsExactly(entry("timeout", 3));
    assertThat(s.completed()).isEqualTo(6);
    assertThat(java.util.Arrays.stream(s.e2eMs()).max().orElse(0)).isLessThan(200);
    Target stops = new Target() {
      @Override
      public RequestTimes send(int index, long scheduled) {
        throw new AssertionError("the generator sends with a cancellation");
      }

      @Override
      public RequestTimes send(int index, long scheduled, Cancellation cancel) {
        long send = System.nanoTime();
        Thread t = Thread.currentThread();
        cancel.onCancel(() -> LockSupport.unpark(t));
        while (!cancel.cancelled() && System.nanoTime() - send < 5_000_000_000L) LockSupport.parkNanos(5_000_000_000L);
        return RequestTimes.failed(scheduled, send, System.nanoTime(), "cancelled", 0);
      }
    };
    long start = System.nanoTime();
    LoadRun cut = LoadGenerator.run(stops, new LoadShape.Concurrency(2), 0, 4, 60, 0.1);
    assertThat(ServingStats.of(cut, null).errors()).containsExactly(entry("timeout", 4));
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.0);
  }
}
