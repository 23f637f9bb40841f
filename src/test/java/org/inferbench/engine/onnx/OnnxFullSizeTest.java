package org.inferbench.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.inferbench.engine.ModelRef;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full-size gpt2 and t5-small presets decode with the cache as without it (logits within 1e-3 and the same greedy
 * tokens over 16 steps), and their synthetic weights do not make greedy decoding repeat one token: at least 4
 * distinct tokens in 16 steps. Synthesises about 750 MB of weights into a temporary model cache.
 */
@Tag("full-size") // writes models at their real size: left out of ./run-tests --quick
final class OnnxFullSizeTest {
  static final int[][] PROMPT = {{464, 2068, 7586, 21831, 18045, 625, 262, 16931}};

  @TempDir static Path cache;

  @Test
  void gpt2AndT5SmallCacheOnMatchesOffWithVariedTokens() throws Exception {
    OnnxEngine engine = new OnnxEngine(new ExportResolver(cache));
    for (String preset : new String[] {"gpt2", "t5-small"}) {
      ModelRef ref = new ModelRef(preset, null, Map.of());
      OnnxPresetTest.Run on = OnnxPresetTest.run(engine, ref, PROMPT, 16, "threads", "2", "kv-cache", "on");
      OnnxPresetTest.Run off = OnnxPresetTest.run(engine, ref, PROMPT, 16, "threads", "2", "kv-cache", "off");
      OnnxPresetTest.assertSame(on, off, 16);
      assertThat(on.logits()).hasSize(16);
      int[] tokens = on.tokens()[0];
      assertThat(Arrays.stream(tokens).distinct().count()).as(preset + " greedy tokens " + Arrays.toString(tokens))
          .isGreaterThanOrEqualTo(4);
    }
  }
}
