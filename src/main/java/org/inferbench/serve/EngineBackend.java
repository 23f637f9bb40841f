package org.inferbench.serve;

import java.util.concurrent.Semaphore;
import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.Request;

/**
 * Serves requests through an engine's {@link LoadedModel}: each on its own virtual thread, stepped as the harness
 * steps a measured request, at most {@code slots} at once. A fair semaphore makes the others wait in arrival order,
 * so queueing shows in their time to first token. A model that is not safe for concurrent generations gets one slot.
 *
 * <p>Engines hand back token ids, not text (the engine SPI has no detokenizer), so each token's chunk carries the
 * placeholder text {@value #TOKEN_TEXT}: one chunk per token, which is what a client counting chunks needs.
 */
final class EngineBackend implements Backend {
  static final String TOKEN_TEXT = " tok";

  private final LoadedModel model;
  private final int slots;
  private final Semaphore turns;

  EngineBackend(LoadedModel model, int slots) {
    this.model = model;
    this.slots = slots;
    this.turns = new Semaphore(slots, true);
  }

  @Override
  public void submit(CompletionJob job, TokenSink sink) {
    Thread.ofVirtual().name("serve-" + job.id()).start(() -> run(job, sink));
  }

  @Override
  public int slots() {
    return slots;
  }

  private void run(CompletionJob job, TokenSink sink) {
    try {
      turns.acquire();
    } catch (InterruptedException e) {
      sink.accept(new StreamEvent.Failure("interrupted while queued"));
      return;
    }
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
          produced++;
          sink.accept(new StreamEvent.Token(TOKEN_TEXT, now, produced == job.maxTokens() ? "length" : null));
        }
      }
      sink.accept(new StreamEvent.Finish(reason, job.promptTokens().length, produced));
    } catch (Exception e) {
      sink.accept(new StreamEvent.Failure("engine failed: " + e.getMessage()));
    } finally {
      turns.release();
    }
  }

  @Override
  public void close() {
    try {
      model.close();
    } catch (Exception e) {
      // closing at shutdown: nothing left to tell the clients
    }
  }
}
