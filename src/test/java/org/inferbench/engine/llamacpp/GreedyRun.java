package org.inferbench.engine.llamacpp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.Generation;
import org.inferbench.engine.ModelRef;
import org.inferbench.engine.Request;

/** llama.cpp's greedy tokens after a prompt of token ids, with some ids banned, for tests outside this package. */
public final class GreedyRun {
  private GreedyRun() {}

  public static List<Integer> tokens(Path file, int[] banned, int[] prompt, int steps) throws Exception {
    LlamaCppEngine engine = new LlamaCppEngine();
    EngineSettings s = EngineSettings.resolve("llamacpp", engine.settings(),
        Map.of("threads", "2", "ctx-size", Integer.toString(prompt.length + steps + 8)));
    try (LlamaCppModel m = (LlamaCppModel) engine.load(ModelRef.of(file.toString()), s)) {
      m.ban(banned);
      try (Generation g = m.start(new Request(new int[][] {prompt}, steps, false))) {
        while (g.step() > 0) {}
        List<Integer> ids = new ArrayList<>();
        for (int t : g.tokens(0)) ids.add(t);
        return ids;
      }
    }
  }
}
