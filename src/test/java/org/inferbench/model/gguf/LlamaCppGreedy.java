package org.inferbench.model.gguf;

import java.nio.file.Path;
import java.util.List;
import org.inferbench.engine.llamacpp.GreedyRun;

/** llama.cpp's greedy tokens after a prompt of token ids, choosing only among a {@link GreedyVocab}'s tokens. */
public final class LlamaCppGreedy {
  private LlamaCppGreedy() {}

  public static List<Integer> tokens(Path file, GreedyVocab vocab, int[] prompt, int steps) {
    try {
      return GreedyRun.tokens(file, vocab.banned().stream().mapToInt(Integer::intValue).toArray(), prompt, steps);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
