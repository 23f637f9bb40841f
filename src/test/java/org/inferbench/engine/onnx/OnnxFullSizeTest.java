package org.inferbench.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.inferbench.engine.ModelRef;
import org.junit.jupiter.api.Test;

/**
 * Full-size gpt2 and t5-small presets decode with the cache as without it (logits within 1e-3 over 16 steps).
 * Opt-in (-Dinferbench.fullsize=true): it synthesises about 750 MB of weights into the default model cache.
 */
final class OnnxFullSizeTest {
  static final int[][] PROMPT = {{464, 2068, 7586, 21831, 18045, 625, 262, 16931}};

  @Test
  void gpt2AndT5SmallCacheOnMatchesOff() throws Exception {
    assumeTrue(Boolean.getBoolean("inferbench.fullsize"), "full-size check is opt-in");
    OnnxEngine engine = new OnnxEngine();
    for (String preset : new String[] {"gpt2", "t5-small"}) {
      ModelRef ref = new ModelRef(preset, null, Map.of());
      OnnxPresetTest.Run on = OnnxPresetTest.run(engine, ref, PROMPT, 16, "threads", "2", "kv-cache", "on");
      OnnxPresetTest.Run off = OnnxPresetTest.run(engine, ref, PROMPT, 16, "threads", "2", "kv-cache", "off");
      OnnxPresetTest.assertSame(on, off, 16);
      assertThat(on.logits()).hasSize(16);
    }
  }
}
