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
 * times. Warm-up requests run first under the same shape (without its ramp-up) and are kept apart; the measured phase
 * follows, starting with the shape's ramp-up, whose requests are recorded apart too and are not counted in the
 * measured requests. A run ends when its requests are done or its time is up (requests in flight then finish,
 * later ones are not sent). With a request timeout, a request not finished within it is cancelled and counted as a
 * timeout (see {@link RequestTimeout}).
 */
public final class LoadGenerator {
  private LoadGenerator() {}

  /** Without a request timeout. */
  public static LoadRun run(Target target, LoadShape shape, int warmup, int requests, double maxSeconds)
      throws InterruptedException {
    return run(target, shape, warmup, requests, maxSeconds, Double.POSITIVE_INFINITY);
  }

  /**
   * @param maxSeconds bound on the measured phase after its ramp-up (requests not yet sent when it passes are not
   *     sent); the ramp does not eat into it
   * @param requestTimeoutS a request not finished this long after its send is cancelled and counts as a timeout;
   *     infinite for none
   */
  public static LoadRun run(Target target, LoadShape shape, int warmup, int requests, double maxSeconds,
      double requestTimeoutS) throws InterruptedException {
    return run(target, shape, warmup, requests, maxSeconds, requestTimeoutS, System::nanoTime);
  }

  /**
   * One client's share of a load driven from many: after its warm-up, {@code measuredStart} says when (on
   * System.nanoTime's clock) the measured phase starts — the moment common to every client — and may block until
   * the coordinator has told it.
   */
  public static LoadRun run(Target target, LoadShape shape, int warmup, int requests, double maxSeconds,
      double requestTimeoutS, java.util.function.LongSupplier measuredStart) throws InterruptedException {
    try (RequestTimeout timeout = new RequestTimeout(requestTimeoutS)) {
      // the warm-up warms the server (connections, caches); the ramp then brings the measured phase up to its level
      if (warmup > 0) {
        new Phase(target, timeout, 0, RampUp.NONE).run(shape, warmup, Double.POSITIVE_INFINITY, System.nanoTime());
      }
      long start = measuredStart.getAsLong();
      parkUntil(start);
      return new Phase(target, timeout, warmup, shape.rampUp()).run(shape, requests, maxSeconds, start);
    }
  }

  /** One phase's requests: the measured ones, those of its ramp, and every span. */
  private static final class Phase {
    private final Target target;
    private final RequestTimeout timeout;
    private final int firstIndex;
    private final RampUp ramp;
    private final AtomicInteger sent = new AtomicInteger();
    private final InFlight inFlight = new InFlight();
    private final List<RequestTimes> measured = Collections.synchronizedList(new ArrayList<>());
    private final List<RequestTimes> ramped = Collections.synchronizedList(new ArrayList<>());

    Phase(Target target, RequestTimeout timeout, int firstIndex, RampUp ramp) {
      this.target = target;
      this.timeout = timeout;
      this.firstIndex = firstIndex;
      this.ramp = ramp;
    }

    LoadRun run(LoadShape shape, int n, double maxSeconds, long start) throws InterruptedException {
      long rampEnd = start + nanos(ramp.seconds());
      long deadline = Double.isInfinite(maxSeconds) ? Long.MAX_VALUE : rampEnd + nanos(maxSeconds);
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        switch (shape) {
          case LoadShape.Concurrency c -> closed(c.streams(), n, start, rampEnd, deadline, threads);
          case LoadShape.Rate r -> open(r, n, start, rampEnd, deadline, threads);
        }
        threads.shutdown();
        threads.awaitTermination(365, TimeUnit.DAYS);
      }
      return new LoadRun(shape, bySend(measured), inFlight.events(), bySend(ramped));
    }

    /**
     * Each stream starts at its point of the ramp and sends its next request the moment its last one ended. What a
     * stream sends before the ramp's end is the ramp's; after it, until n are sent or the time is up, measured.
     */
    private void closed(int streams, int n, long start, long rampEnd, long deadline, ExecutorService threads) {
      AtomicInteger next = new AtomicInteger();
      int used = Math.min(streams, n); // fewer requests than streams: the load's level is n, ramped the same way
      for (int s = 0; s < used; s++) {
        long first = start + nanos(ramp.streamStartS(s, used));
        threads.submit(() -> {
          parkUntil(first);
          long scheduled = first; // the stream's planned start, then the moment its slot came free
          while (true) {
            long now = System.nanoTime();
            if (now >= deadline) break;
            boolean inRamp = now < rampEnd;
            if (!inRamp && next.getAndIncrement() >= n) break;
            (inRamp ? ramped : measured).add(one(scheduled));
            scheduled = System.nanoTime();
          }
        });
      }
    }

    /**
     * Sends at the scheduled offsets from one dispatching thread, whatever is in flight; with a limit, a request
     * waits for a free slot and its wait is its schedule lag. The offsets within the ramp are the ramp's requests.
     */
    private void open(LoadShape.Rate r, int n, long start, long rampEnd, long deadline, ExecutorService threads)
        throws InterruptedException {
      double[] offsets = ramp.offsets(r.arrival(), r.perSecond(), r.burstiness(), n, r.seed() + firstIndex);
      Semaphore slots = r.maxInFlight() > 0 ? new Semaphore(r.maxInFlight()) : null;
      for (double offset : offsets) {
        long scheduled = start + nanos(offset);
        if (scheduled >= deadline) break;
        parkUntil(scheduled);
        if (slots != null) slots.acquire();
        List<RequestTimes> into = scheduled < rampEnd ? ramped : measured;
        threads.submit(() -> {
          try {
            into.add(one(scheduled));
          } finally {
            if (slots != null) slots.release();
          }
        });
      }
    }

    private RequestTimes one(long scheduled) {
      int index = firstIndex + sent.getAndIncrement();
      Cancellation cancel = new Cancellation();
      Runnable disarm = timeout.arm(cancel);
      RequestTimes t;
      try {
        t = target.send(index, scheduled, cancel);
      } catch (RuntimeException e) {
        long now = System.nanoTime();
        t = RequestTimes.failed(scheduled, now, now, "client: " + e.getClass().getSimpleName(), 0);
      } finally {
        disarm.run();
      }
      t = timeout.judge(t, cancel);
      inFlight.add(t.sendNs(), t.endNs());
      return t;
    }
  }

  private static long nanos(double seconds) {
    return (long) (seconds * 1e9);
  }

  private static void parkUntil(long at) {
    long wait;
    while ((wait = at - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
  }

  private static List<RequestTimes> bySend(List<RequestTimes> done) {
    List<RequestTimes> sorted = new ArrayList<>(done);
    sorted.sort((a, b) -> Long.compare(a.sendNs(), b.sendNs()));
    return sorted;
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
