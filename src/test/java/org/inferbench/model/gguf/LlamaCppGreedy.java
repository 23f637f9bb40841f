package org.inferbench.model.gguf;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.RawCompletions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** llama.cpp's greedy tokens after a prompt of token ids, choosing only among a {@link GreedyVocab}'s tokens. */
public final class LlamaCppGreedy {
  private LlamaCppGreedy() {}

  public static List<Integer> tokens(Path file, GreedyVocab vocab, int[] prompt, int steps) {
    ModelParameters p = new ModelParameters().setModel(file.toString()).setThreads(2)
        .setCtxSize(prompt.length + steps + 8);
    try (LlamaModel model = new LlamaModel(p)) {
      String banned = vocab.banned().stream().map(id -> "[" + id + ",false]").collect(Collectors.joining(","));
      String request = "{\"prompt\":" + Arrays.toString(prompt) + ",\"n_predict\":" + steps
          + ",\"ignore_eos\":true,\"cache_prompt\":false,\"temperature\":0,\"stream\":true,\"logit_bias\":["
          + banned + "]}";
      int task = RawCompletions.request(model, request);
      List<Integer> ids = new ArrayList<>();
      while (true) {
        LlamaOutput o = RawCompletions.next(model, task);
        if (!o.text.isEmpty()) ids.add(vocab.id(o.text));
        if (RawCompletions.last(o)) break;
      }
      return ids;
    }
  }
}
