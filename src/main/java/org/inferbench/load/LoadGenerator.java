package org.inferbench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Puts requests in flight as a {@link LoadShape} says, one virtual thread per request in flight, and collects their
 * times. Warm-up requests run first under the same shape and are kept apart; the measured requests follow. A run
 * ends when its requests are done or its time is up (requests in flight then finish, later ones are not sent).
 */
public final class LoadGenerator {
  private LoadGenerator() {}

  /**
   * @param maxSeconds bound on the measured phase (requests not yet sent when it passes are not sent)
   */
  public static LoadRun run(Target target, LoadShape shape, int warmup, int requests, double maxSeconds)
      throws InterruptedException {
    if (warmup > 0) phase(target, shape, 0, warmup, Double.POSITIVE_INFINITY);
    return phase(target, shape, warmup, requests, maxSeconds);
  }

  private static LoadRun phase(Target target, LoadShape shape, int firstIndex, int n, double maxSeconds)
      throws InterruptedException {
    InFlight inFlight = new InFlight();
    List<RequestTimes> done = Collections.synchronizedList(new ArrayList<>(n));
    long start = System.nanoTime();
    long deadline = Double.isInfinite(maxSeconds) ? Long.MAX_VALUE : start + (long) (maxSeconds * 1e9);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      switch (shape) {
        case LoadShape.Concurrency c -> closed(target, c.streams(), firstIndex, n, deadline, threads, inFlight, done);
        case LoadShape.Rate r -> open(target, r, firstIndex, n, start, deadline, threads, inFlight, done);
      }
      threads.shutdown();
      threads.awaitTermination(365, TimeUnit.DAYS);
    }
    List<RequestTimes> sorted = new ArrayList<>(done);
    sorted.sort((a, b) -> Long.compare(a.sendNs(), b.sendNs()));
    return new LoadRun(shape, sorted, inFlight.events());
  }

  /** Each stream sends its next request the moment its last one ended, until n are sent or the time is up. */
  private static void closed(Target target, int streams, int firstIndex, int n, long deadline, ExecutorService threads,
      InFlight inFlight, List<RequestTimes> done) {
    AtomicInteger next = new AtomicInteger();
    for (int s = 0; s < Math.min(streams, n); s++) {
      threads.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < n && System.nanoTime() < deadline) {
          done.add(one(target, firstIndex + i, System.nanoTime(), inFlight));
        }
      });
    }
  }

  /**
   * Sends at the scheduled offsets from one dispatching thread, whatever is in flight; with a limit, a request
   * waits for a free slot and its wait is its schedule lag.
   */
  private static void open(Target target, LoadShape.Rate r, int firstIndex, int n, long start, long deadline,
      ExecutorService threads, InFlight inFlight, List<RequestTimes> done) throws InterruptedException {
    double[] offsets = r.arrival().offsets(n, r.perSecond(), r.burstiness(), r.seed() + firstIndex);
    Semaphore slots = r.maxInFlight() > 0 ? new Semaphore(r.maxInFlight()) : null;
    for (int i = 0; i < n; i++) {
      long scheduled = start + (long) (offsets[i] * 1e9);
      if (scheduled >= deadline) break;
      long wait;
      while ((wait = scheduled - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
      if (slots != null) slots.acquire();
      int index = firstIndex + i;
      threads.submit(() -> {
        try {
          done.add(one(target, index, scheduled, inFlight));
        } finally {
          if (slots != null) slots.release();
        }
      });
    }
  }

  private static RequestTimes one(Target target, int index, long scheduled, InFlight inFlight) {
    RequestTimes t;
    try {
      t = target.send(index, scheduled);
    } catch (RuntimeException e) {
      long now = System.nanoTime();
      t = RequestTimes.failed(scheduled, now, now, "client: " + e.getClass().getSimpleName(), 0);
    }
    inFlight.add(t.sendNs(), t.endNs());
    return t;
  }

  /** Send and end times of every request, to draw the count in flight over time afterwards. */
  private static final class InFlight {
    private final List<long[]> spans = new ArrayList<>();

    synchronized void add(long send, long end) {
      spans.add(new long[] {send, end});
    }

    synchronized List<long[]> events() {
      return List.copyOf(spans);
    }
  }
}
