package org.inferbench.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.ModelRef;
import org.inferbench.core.ModelShape;
import org.inferbench.engine.Request;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An encoder-decoder decodes against its self- and cross-attention caches exactly as it does by rerunning. */
final class OnnxSeq2SeqTest {
  @TempDir static Path tmp;
  static final OnnxEngine ENGINE = new OnnxEngine();
  static Path dir;

  @BeforeAll
  static void write() throws Exception {
    dir = new TinySeq2SeqGraph(2, 4, 8, 80, 11).writeModel(tmp.resolve("t5"));
  }

  static EngineSettings settings(String kv) {
    return EngineSettings.resolve("onnx", ENGINE.settings(), Map.of("threads", "1", "kv-cache", kv));
  }

  static final int[][] PROMPTS = {{4, 9, 22, 31, 7, 50}, {60, 2, 2, 19, 44, 3}};

  record Run(int[][] tokens, List<float[][]> logits) {}

  static Run run(String kv) throws Exception {
    try (DecoderModel m = (DecoderModel) ENGINE.load(ModelRef.of(dir.toString()), settings(kv));
        DecoderGeneration g = m.start(new Request(PROMPTS, 16, false), true)) {
      int steps = 0;
      while (g.step() == 1) steps++;
      assertThat(steps).isEqualTo(16);
      return new Run(new int[][] {g.tokens(0), g.tokens(1)}, g.logits());
    }
  }

  @Test
  void describesAsEncoderDecoder() throws Exception {
    ModelInfo info = ENGINE.describe(ModelRef.of(dir.toString()), settings("on"));
    assertThat(info.shape()).isEqualTo(ModelShape.ENCODER_DECODER);
    assertThat(info.details()).containsEntry("layers", 2).containsEntry("encoder_layers", 1).containsEntry("head_dim", 8);
  }

  @Test
  void cacheOnMatchesCacheOff() throws Exception {
    Run on = run("on");
    Run off = run("off");
    assertThat(on.tokens()).isDeepEqualTo(off.tokens());
    for (int[] t : on.tokens()) assertThat(Arrays.stream(t).distinct().count()).isGreaterThanOrEqualTo(4);
    assertThat(on.tokens()[0]).isNotEqualTo(on.tokens()[1]);
    for (int s = 0; s < 16; s++) {
      for (int b = 0; b < 2; b++) {
        float[] x = on.logits().get(s)[b];
        float[] y = off.logits().get(s)[b];
        for (int v = 0; v < x.length; v++) assertThat(Math.abs(x[v] - y[v])).isLessThan(1e-3f);
      }
    }
  }
}
