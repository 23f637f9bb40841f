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
 * The one thread that calls llama_decode on a session, as llama-server's slot loop does: each round it puts into one
 * batch the next token of every sequence that is generating, then as many prompt tokens of sequences still reading
 * their prompt as the batch has room for (n_batch), decodes, and hands each sequence its greedy next token. So
 * {@code parallel} requests decode side by side (continuous batching) and one request is one llama_decode per
 * generated token after its prompt's batches. Only this thread touches the session, which keeps OpenMP's thread
 * team on one caller and needs no locking around native calls. A sequence's cells are removed from llama.cpp's
 * memory when it ends or is cancelled, before its slot is free for the next request.
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
  private final Thread thread;
  private volatile boolean running = true;

  DecodeLoop(LlamaNative lib, MemorySegment session, int parallel) {
    this.lib = lib;
    this.session = session;
    this.capacity = lib.batchSize(session);
    this.slots = new Semaphore(parallel, true);
    this.taken = new boolean[parallel];
    this.thread = Thread.ofPlatform().name("llama-decode").daemon().start(this::run);
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

  /** Wakes the loop so it sees a cancelled sequence. */
  void poke() {
    lock.lock();
    try {
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment tokens = arena.allocate(JAVA_INT, capacity);
      MemorySegment pos = arena.allocate(JAVA_INT, capacity);
      MemorySegment seq = arena.allocate(JAVA_INT, capacity);
      MemorySegment keep = arena.allocate(JAVA_BYTE, capacity);
      Sequence[] owner = new Sequence[capacity];
      while (running) {
        List<Sequence> round = nextRound();
        if (round == null) return;
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
    } catch (Throwable t) {
      lock.lock();
      try {
        for (Sequence s : active) s.fail("the decode thread failed: " + t);
      } finally {
        lock.unlock();
      }
    }
  }

  /** Waits until some sequence has work; drops ended ones (freeing their cells and slots). Null when closing. */
  private List<Sequence> nextRound() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        for (var it = active.iterator(); it.hasNext(); ) {
          Sequence s = it.next();
          if (s.finished()) {
            it.remove();
            lib.forget(session, s.id());
            taken[s.id()] = false;
            slots.release();
          }
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
    poke();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
