package org.inferbench.engine.llamacpp;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decides what each llama_decode on a session holds, as llama-server's slot loop does: each round puts into one batch
 * the next token of every sequence that is generating, then as many prompt tokens of sequences still reading their
 * prompt as the batch has room for (n_batch), decodes, and hands each sequence its greedy next token. So one request
 * is one llama_decode per generated token after its prompt's batches. With one sequence ({@code parallel=1}) the
 * request's own thread runs the rounds inside its steps, so a step's time is the decode's and no hand-over between
 * threads (which a loaded machine delays by milliseconds) enters TTFT or TPOT. With more, one decode thread runs
 * rounds for all sequences at once (continuous batching) and each request takes its tokens as they come. A
 * sequence's cells are removed from llama.cpp's memory when its request ends, before its slot goes to the next.
 */
final class DecodeLoop implements AutoCloseable {
  private final LlamaNative lib;
  private final MemorySegment session;
  private final int capacity;
  private final Semaphore slots;
  private final boolean[] taken;
  private final List<Sequence> active = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Arena arena = Arena.ofShared();
  private final MemorySegment tokens;
  private final MemorySegment pos;
  private final MemorySegment seq;
  private final MemorySegment keep;
  private final Sequence[] owner;
  private final Thread thread;
  private volatile boolean running = true;

  DecodeLoop(LlamaNative lib, MemorySegment session, int parallel) {
    this.lib = lib;
    this.session = session;
    this.capacity = lib.batchSize(session);
    this.slots = new Semaphore(parallel, true);
    this.taken = new boolean[parallel];
    this.tokens = arena.allocate(JAVA_INT, capacity);
    this.pos = arena.allocate(JAVA_INT, capacity);
    this.seq = arena.allocate(JAVA_INT, capacity);
    this.keep = arena.allocate(JAVA_BYTE, capacity);
    this.owner = new Sequence[capacity];
    this.thread = parallel == 1 ? null : Thread.ofPlatform().name("llama-decode").daemon().start(this::run);
  }

  /** Whether requests run their own rounds (one sequence) rather than a decode thread. */
  boolean inline() {
    return thread == null;
  }

  /** Waits for a free sequence slot (queueing, as a server's request waits for a slot), then starts the request. */
  Sequence start(int[] prompt, int output, boolean stopAtEos, java.util.function.IntPredicate endOfGeneration)
      throws InterruptedException {
    slots.acquire();
    lock.lock();
    try {
      int id = 0;
      while (taken[id]) id++;
      taken[id] = true;
      Sequence s = new Sequence(this, id, prompt, output, stopAtEos, endOfGeneration);
      active.add(s);
      work.signal();
      return s;
    } finally {
      lock.unlock();
    }
  }

  /** One sequence: runs rounds on the caller's thread until {@code s} has a token (or has ended). */
  void runFor(Sequence s) {
    lock.lock();
    try {
      while (!s.hasReady() && s.wantsDecode()) round(List.of(s));
    } finally {
      lock.unlock();
    }
  }

  /** The request let go of {@code s}: its cells and slot are freed now (one sequence) or by the decode thread. */
  void release(Sequence s) {
    lock.lock();
    try {
      if (inline()) drop(s);
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  private void drop(Sequence s) {
    if (!active.remove(s)) return;
    lib.forget(session, s.id());
    taken[s.id()] = false;
    slots.release();
  }

  /** One llama_decode for the sequences given (the caller holds the lock or is the decode thread). */
  private void round(List<Sequence> round) {
    int n = 0;
    for (Sequence s : round) {
      if (s.reading()) continue;
      n = s.putNext(tokens, pos, seq, keep, n);
      owner[n - 1] = s;
    }
    for (Sequence s : round) {
      if (!s.reading() || n == capacity) continue;
      n = s.putPrompt(tokens, pos, seq, keep, n, capacity);
      owner[n - 1] = s;
    }
    int r = lib.decode(session, n, tokens, pos, seq, keep);
    for (int i = 0; i < n; i++) {
      if (keep.get(JAVA_BYTE, i) == 0) continue;
      Sequence s = owner[i];
      if (r != 0) s.fail("llama_decode returned " + r + (r == 1 ? " (no room in the KV cache)" : ""));
      else s.accept(lib.argmax(session, i));
      if (s.endedUncounted()) s.counted(lib.lastPosition(session, s.id()));
    }
  }

  private void run() {
    try {
      while (running) {
        List<Sequence> round = nextRound();
        if (round == null) return;
        round(round);
      }
    } catch (Throwable t) {
      lock.lock();
      try {
        for (Sequence s : active) s.fail("the decode thread failed: " + t);
      } finally {
        lock.unlock();
      }
    }
  }

  /** Waits until some sequence has work; drops released ones (freeing their cells and slots). Null when closing. */
  private List<Sequence> nextRound() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        for (Sequence s : List.copyOf(active)) {
          if (s.finished()) drop(s);
        }
        List<Sequence> ready = new ArrayList<>();
        for (Sequence s : active) if (s.wantsDecode()) ready.add(s);
        if (!ready.isEmpty()) return ready;
        if (!running) return null;
        work.await();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      release(null);
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    arena.close();
  }
}
