package org.inferbench.engine.llamacpp;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntPredicate;
import org.inferbench.engine.Generation;

/**
 * One request in a {@link DecodeLoop}: its prompt, read in batches of up to n_batch tokens with the logits of its
 * last token kept, then one token per round, each the greedy choice from the previous round's logits. The first
 * token comes from the prompt's logits, so {@code output} tokens take {@code output - 1} decodes after the prompt
 * (the last token is chosen, not decoded). Whoever runs the rounds writes (the request's own thread with one
 * sequence, else the decode thread); the request's thread reads its tokens from a queue, one per {@link #step}.
 */
final class Sequence implements Generation {
  private static final int END = -1;

  private final DecodeLoop loop;
  private final int id;
  private final int[] prompt;
  private final int output;
  private final boolean stopAtEos;
  private final IntPredicate endOfGeneration;
  private final LinkedBlockingQueue<Integer> ready = new LinkedBlockingQueue<>();
  private final int[] generated;
  // written by the loop thread only
  private int read;
  private int produced;
  private volatile boolean ended;
  private volatile String failure;
  private volatile int lastPosition = -2;
  // written by the request's thread
  private volatile boolean closed;
  private int taken;

  Sequence(DecodeLoop loop, int id, int[] prompt, int output, boolean stopAtEos, IntPredicate endOfGeneration) {
    this.loop = loop;
    this.id = id;
    this.prompt = prompt;
    this.output = output;
    this.stopAtEos = stopAtEos;
    this.endOfGeneration = endOfGeneration;
    this.generated = new int[output];
    if (output == 0) end();
  }

  int id() {
    return id;
  }

  boolean reading() {
    return read < prompt.length;
  }

  boolean wantsDecode() {
    return !ended && !closed && (reading() || produced < output);
  }

  /** Ended and let go by its request: its cells and slot may go to the next. */
  boolean finished() {
    return closed;
  }

  /** Puts the last generated token at the next position; returns the batch's new length. */
  int putNext(MemorySegment tokens, MemorySegment pos, MemorySegment seq, MemorySegment keep, int n) {
    tokens.setAtIndex(JAVA_INT, n, generated[produced - 1]);
    pos.setAtIndex(JAVA_INT, n, prompt.length + produced - 1);
    seq.setAtIndex(JAVA_INT, n, id);
    keep.set(JAVA_BYTE, n, (byte) 1);
    return n + 1;
  }

  /** Puts as much of the unread prompt as fits below {@code capacity}, keeping the logits of its last token only. */
  int putPrompt(MemorySegment tokens, MemorySegment pos, MemorySegment seq, MemorySegment keep, int n, int capacity) {
    while (read < prompt.length && n < capacity) {
      tokens.setAtIndex(JAVA_INT, n, prompt[read]);
      pos.setAtIndex(JAVA_INT, n, read);
      seq.setAtIndex(JAVA_INT, n, id);
      keep.set(JAVA_BYTE, n, (byte) (read == prompt.length - 1 ? 1 : 0));
      read++;
      n++;
    }
    return n;
  }

  /** The loop's greedy choice after this sequence's last entry in the batch. */
  void accept(int token) {
    if (ended) return;
    if (token < 0) {
      fail("llama.cpp kept no logits for the sequence's last entry");
      return;
    }
    generated[produced++] = token;
    ready.add(token);
    if (produced == output || (stopAtEos && endOfGeneration.test(token))) end();
  }

  /** Ended, its last position not yet read from llama.cpp's memory. */
  boolean endedUncounted() {
    return ended && lastPosition == -2;
  }

  void counted(int position) {
    lastPosition = position;
  }

  /**
   * The highest position llama.cpp's memory held for this sequence when it ended (prompt + output - 2: the last
   * token is chosen, not decoded), -2 before it ended: llama.cpp's own count of what the request decoded.
   */
  int lastPosition() {
    return lastPosition;
  }

  void fail(String why) {
    failure = why;
    end();
  }

  private void end() {
    ended = true;
    ready.add(END);
  }

  boolean hasReady() {
    return !ready.isEmpty();
  }

  @Override
  public int step() throws InterruptedException {
    if (taken == output) return 0;
    if (loop.inline()) loop.runFor(this);
    int t = ready.take();
    if (t == END) {
      ready.add(END);
      if (failure != null) throw new IllegalStateException("llama.cpp: " + failure);
      if (!stopAtEos) {
        throw new IllegalStateException("llama.cpp ended the request after " + taken + " of " + output + " tokens");
      }
      return 0;
    }
    taken++;
    return 1;
  }

  @Override
  public int[] tokens(int sequence) {
    return java.util.Arrays.copyOf(generated, taken);
  }

  /** Lets the loop free this sequence's cells and slot; a request cut short stops generating at the next round. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    loop.release(this);
  }
}
