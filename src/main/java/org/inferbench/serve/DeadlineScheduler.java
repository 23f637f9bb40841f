package org.inferbench.serve;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The ground-truth server's one timer loop: every stream's chunks are due at deadlines computed from {@link Timing}
 * when the stream is admitted, and a single thread hands each chunk to its stream's writer when its deadline comes —
 * no thread sleeps per request and nothing spins per request.
 *
 * <p>Capacity: at most {@code slots} streams produce tokens at once; the others wait first come, first served. A
 * waiting stream is admitted at the deadline of the last token of the stream that frees its slot (or at its own
 * arrival if later), not at the moment the loop got round to it, so the queue is exactly the deterministic-service
 * queue theory predicts and the server's own lateness never shifts later requests.
 *
 * <p>Waiting: the loop parks until {@value #SPIN_NANOS} ns before the earliest deadline (parking overshoots by
 * 50 µs or more on Linux), then spins the rest. One spinning thread at most, and only in those last microseconds.
 * New streams arrive through a lock-free inbox and unpark the loop.
 */
final class DeadlineScheduler implements Backend {
  static final long SPIN_NANOS = 50_000;
  static final String TOKEN_TEXT = " tok";

  private final int slots;
  private final Timing timing;
  private final ConcurrentLinkedQueue<Stream> inbox = new ConcurrentLinkedQueue<>();
  private final Thread loop;
  private volatile boolean closed;

  // owned by the loop thread
  private final PriorityQueue<Stream> due = new PriorityQueue<>(
      Comparator.comparingLong((Stream s) -> s.next).thenComparingLong(s -> s.seq));
  private final ArrayDeque<Stream> waiting = new ArrayDeque<>();
  private int busy;
  private long arrivals;

  DeadlineScheduler(int slots, Timing timing) {
    if (slots < 1) throw new IllegalArgumentException("slots: expected at least 1, got " + slots);
    this.slots = slots;
    this.timing = timing;
    this.loop = Thread.ofPlatform().daemon().name("serve-timer").unstarted(this::run);
    loop.start();
  }

  @Override
  public void submit(CompletionJob job, TokenSink sink) {
    inbox.add(new Stream(job, sink, System.nanoTime()));
    LockSupport.unpark(loop);
  }

  @Override
  public int slots() {
    return slots;
  }

  private void run() {
    while (!closed) {
      for (Stream s = inbox.poll(); s != null; s = inbox.poll()) arrive(s);
      Stream head = due.peek();
      if (head == null) {
        LockSupport.park(this);
        continue;
      }
      long wait = head.next - System.nanoTime();
      if (wait > SPIN_NANOS) {
        LockSupport.parkNanos(this, wait - SPIN_NANOS);
      } else if (wait > 0) {
        Thread.onSpinWait();
      } else {
        due.poll();
        tick(head);
      }
    }
  }

  private void arrive(Stream s) {
    s.seq = arrivals++;
    if (busy < slots && waiting.isEmpty()) {
      admit(s, s.arrival);
    } else {
      waiting.add(s);
    }
  }

  private void admit(Stream s, long at) {
    busy++;
    s.next = at + timing.ttftNanos().applyAsLong(s.prompt());
    due.add(s);
  }

  private void tick(Stream s) {
    if (s.sink.cancelled()) {
      release(s.next);
      return;
    }
    s.produced++;
    // accept only queues the chunk for the stream's own writer thread: a slow client cannot hold this loop
    boolean last = s.produced >= s.job.maxTokens();
    s.sink.accept(new StreamEvent.Token(TOKEN_TEXT, s.next, last ? "length" : null));
    if (last) {
      s.sink.accept(new StreamEvent.Finish("length", s.prompt(), s.produced));
      release(s.next);
    } else {
      s.next += timing.tpotNanosAtContext().applyAsLong(s.prompt() + s.produced);
      due.add(s);
    }
  }

  /** A slot frees at {@code at}: the next waiting stream starts then (or at its arrival, if that is later). */
  private void release(long at) {
    busy--;
    Stream w = waiting.poll();
    if (w != null) admit(w, Math.max(w.arrival, at));
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(loop);
    try {
      loop.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Stream {
    final CompletionJob job;
    final TokenSink sink;
    final long arrival;
    long seq;
    long next;
    int produced;

    Stream(CompletionJob job, TokenSink sink, long arrival) {
      this.job = job;
      this.sink = sink;
      this.arrival = arrival;
    }

    int prompt() {
      return job.promptTokens().length;
    }
  }
}
