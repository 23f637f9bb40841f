package org.inferbench.serve;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.PromptTokenizer;
import org.inferbench.engine.Request;

/**
 * Serves requests through an engine's {@link LoadedModel}, stepped as the harness steps a measured request, on
 * {@code slots} platform threads: the others wait in the pool's FIFO queue, in arrival order, so queueing shows in
 * their time to first token. Platform threads, not virtual ones, because an engine's native call pins its carrier
 * for the whole step and would leave the streams' writer threads (virtual) without carriers on a small machine. A
 * model that is not safe for concurrent generations gets one slot.
 *
 * <p>Each token is one chunk. Its text is the model tokenizer's decoding of that one token where the engine has a
 * tokenizer that decodes and tells the generated ids; otherwise the placeholder {@value #TOKEN_TEXT} (one token in
 * GPT-2-style vocabularies, so a client that counts tokens by re-tokenizing still counts one per chunk).
 */
final class EngineBackend implements Backend {
  static final String TOKEN_TEXT = " tok";

  private final LoadedModel model;
  private final PromptTokenizer tokenizer;
  private final int slots;
  private final ExecutorService workers;

  EngineBackend(LoadedModel model, int slots) {
    this.model = model;
    this.tokenizer = model.tokenizer();
    this.slots = slots;
    this.workers = Executors.newFixedThreadPool(slots, Thread.ofPlatform().name("serve-engine-", 0).daemon().factory());
  }

  @Override
  public void submit(CompletionJob job, TokenSink sink) {
    workers.execute(() -> run(job, sink));
  }

  @Override
  public int slots() {
    return slots;
  }

  private void run(CompletionJob job, TokenSink sink) {
    if (sink.cancelled()) return; // the client left while queued
    int produced = 0;
    String reason = "length";
    try (Generation g = model.start(new Request(new int[][] {job.promptTokens()}, job.maxTokens(), !job.ignoreEos()))) {
      while (produced < job.maxTokens() && !sink.cancelled()) {
        int k = g.step();
        long now = System.nanoTime();
        if (k <= 0) {
          reason = "stop";
          break;
        }
        for (int i = 0; i < k && produced < job.maxTokens(); i++) {
          sink.accept(new StreamEvent.Token(text(g, produced), now, produced + 1 == job.maxTokens() ? "length" : null));
          produced++;
        }
      }
      sink.accept(new StreamEvent.Finish(reason, job.promptTokens().length, produced));
    } catch (Exception e) {
      sink.accept(new StreamEvent.Failure("engine failed: " + e.getMessage()));
    }
  }

  /** The text of generated token {@code index}: decoded alone, or the placeholder. */
  private String text(Generation g, int index) {
    if (tokenizer == null) return TOKEN_TEXT;
    try {
      int[] ids = g.tokens(0);
      if (index >= ids.length) return TOKEN_TEXT;
      String text = tokenizer.decode(new int[] {ids[index]});
      // an empty piece (part of a character) would read as a chunk without a token: keep one token per chunk
      return text == null || text.isEmpty() ? TOKEN_TEXT : text;
    } catch (Exception e) {
      return TOKEN_TEXT; // a token the tokenizer cannot decode still counts as one chunk
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
    try {
      // a step in native code runs to its end whatever the interrupt: the model closes only after it
      workers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
      model.close();
    } catch (Exception e) {
      // closing at shutdown: nothing left to tell the clients
    }
  }
}
