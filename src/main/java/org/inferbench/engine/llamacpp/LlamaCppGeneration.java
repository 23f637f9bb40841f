package org.inferbench.engine.llamacpp;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.RawCompletions;
import org.inferbench.engine.Generation;

/**
 * One streamed llama-server task: each step waits for the next result, which carries exactly one token (held-back
 * tokens are banned, see {@link Vocabulary}); the task's last result carries none. The count is checked against
 * llama.cpp's: with ignore_eos and n_predict it generates exactly the tokens asked for, so a last result arriving
 * after fewer (a held-back token after all, an end of context) fails the request instead of miscounting it.
 */
final class LlamaCppGeneration implements Generation {
  private final LlamaModel model;
  private final int task;
  private final int expected;
  private final boolean stopAtEos;
  private int produced;
  private boolean ended;

  LlamaCppGeneration(LlamaModel model, int task, int expected, boolean stopAtEos) {
    this.model = model;
    this.task = task;
    this.expected = expected;
    this.stopAtEos = stopAtEos;
  }

  @Override
  public int step() {
    if (ended) return 0;
    LlamaOutput out = RawCompletions.next(model, task);
    if (RawCompletions.last(out)) {
      ended = true;
      if (!stopAtEos && produced < expected) {
        throw new IllegalStateException("llama.cpp ended the request after " + produced + " results for "
            + expected + " tokens");
      }
      return 0;
    }
    produced++;
    return 1;
  }

  /** Tokens the request produced so far, one per result. */
  int produced() {
    return produced;
  }

  /** Reads the task's last result (after the harness has its tokens), or cancels a task cut short. */
  @Override
  public void close() {
    if (ended) return;
    if (produced < expected) {
      RawCompletions.cancel(model, task);
      return;
    }
    int extra = 0;
    while (!RawCompletions.last(RawCompletions.next(model, task))) extra++;
    ended = true;
    if (extra > 0) {
      throw new IllegalStateException("llama.cpp sent " + (produced + extra) + " results for " + expected + " tokens");
    }
  }
}
