package org.inferbench.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.ModelRef;
import org.inferbench.core.ModelShape;
import org.inferbench.engine.Request;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Presets synthesised with small shapes (gpt2 and t5-small with few layers and a short vocabulary) decode the same
 * with and without the key/value cache, in every layout.
 */
final class OnnxPresetTest {
  @TempDir static Path cache;
  static OnnxEngine ENGINE;
  static final Map<String, String> TINY_GPT2 = Map.of("n_layer", "2", "n_embd", "64", "n_head", "4",
      "vocab_size", "500", "n_positions", "128");
  static final Map<String, String> TINY_T5 = Map.of("num_layers", "2", "d_model", "64", "d_kv", "16",
      "num_heads", "4", "d_ff", "128", "vocab_size", "400");

  @BeforeAll
  static void useTempCache() {
    ENGINE = new OnnxEngine(new ExportResolver(cache));
  }

  static EngineSettings settings(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    m.putIfAbsent("threads", "1");
    return EngineSettings.resolve("onnx", OnnxSettings.SPECS, m);
  }

  record Run(int[][] tokens, List<float[][]> logits) {}

  static Run run(ModelRef ref, int[][] prompts, int output, String... settings) throws Exception {
    return run(ENGINE, ref, prompts, output, settings);
  }

  static Run run(OnnxEngine engine, ModelRef ref, int[][] prompts, int output, String... settings)
      throws Exception {
    try (DecoderModel m = (DecoderModel) engine.load(ref, settings(settings));
        DecoderGeneration g = m.start(new Request(prompts, output, false), true)) {
      int steps = 0;
      while (g.step() == 1) steps++;
      assertThat(steps).isEqualTo(output);
      int[][] tokens = new int[prompts.length][];
      for (int b = 0; b < prompts.length; b++) tokens[b] = g.tokens(b);
      return new Run(tokens, g.logits());
    }
  }

  static void assertSame(Run on, Run off, int steps) {
    assertThat(on.tokens()).isDeepEqualTo(off.tokens());
    for (int s = 0; s < steps; s++) {
      for (int b = 0; b < on.tokens().length; b++) {
        float[] x = on.logits().get(s)[b];
        float[] y = off.logits().get(s)[b];
        float worst = 0;
        for (int v = 0; v < x.length; v++) worst = Math.max(worst, Math.abs(x[v] - y[v]));
        assertThat(worst).as("step %d sequence %d", s, b).isLessThan(1e-3f);
      }
    }
  }

  static final int[][] PROMPTS = {{15, 220, 7, 301, 44, 98, 120, 3, 61, 250}, {399, 2, 2, 17, 305, 88, 9, 140, 33, 71}};

  @Test
  void gpt2ShapeCacheOnMatchesOff() throws Exception {
    ModelRef ref = new ModelRef("gpt2", null, TINY_GPT2);
    Run on = run(ref, PROMPTS, 16, "kv-cache", "on");
    Run off = run(ref, PROMPTS, 16, "kv-cache", "off");
    assertSame(on, off, 16);
    // the distinct-token check on the full-size presets is OnnxFullSizeTest's; here every step's logits must agree
  }

  @Test
  void t5ShapeCacheOnMatchesOff() throws Exception {
    ModelRef ref = new ModelRef("t5-small", null, TINY_T5);
    Run on = run(ref, PROMPTS, 16, "kv-cache", "on");
    Run off = run(ref, PROMPTS, 16, "kv-cache", "off");
    assertSame(on, off, 16);
    // the distinct-token check on the full-size presets is OnnxFullSizeTest's; here every step's logits must agree
  }

  /** The layouts of the synthetic writer hold the same weights, so they give the same logits and tokens. */
  @Test
  void gpt2LayoutsAgree() throws Exception {
    ModelRef ref = new ModelRef("gpt2", null, TINY_GPT2);
    Run merged = run(ref, PROMPTS, 8, "layout", "merged");
    assertSame(run(ref, PROMPTS, 8, "layout", "single"), merged, 8);
    assertSame(run(ref, PROMPTS, 8, "layout", "split"), merged, 8);
  }

  @Test
  void t5LayoutsAgree() throws Exception {
    ModelRef ref = new ModelRef("t5-small", null, TINY_T5);
    Run merged = run(ref, PROMPTS, 8, "layout", "merged");
    assertSame(run(ref, PROMPTS, 8, "layout", "split"), merged, 8);
  }

  /** A synthesised model carries its own tokenizer.json, read through DJL: tok<id> words map to their ids. */
  @Test
  void syntheticTokenizerEncodes() throws Exception {
    try (var m = ENGINE.load(new ModelRef("gpt2", null, TINY_GPT2), settings())) {
      assertThat(m.tokenizer().encode("tok17 tok301 tok5")).containsExactly(17, 301, 5);
      assertThat(m.modelLoadNanos()).isPositive();
      assertThat(m.sessionCreateNanos()).isPositive();
      assertThat(m.info().details()).containsKey("parameters");
    }
  }

  /** fp16 and int8 files load and decode with the cache as without it (float16 pasts and logits for fp16). */
  @Test
  void reducedPrecisionFilesDecode() throws Exception {
    for (String preset : new String[] {"gpt2", "t5-small"}) {
      ModelRef ref = new ModelRef(preset, null, preset.equals("gpt2") ? TINY_GPT2 : TINY_T5);
      Run fp32 = run(ref, PROMPTS, 4);
      for (String dtype : new String[] {"fp16", "int8"}) {
        Run on = run(ref, PROMPTS, 4, "dtype", dtype);
        Run off = run(ref, PROMPTS, 4, "dtype", dtype, "kv-cache", "off");
        assertThat(on.tokens()).as(preset + " " + dtype).isDeepEqualTo(off.tokens());
        float[] a = on.logits().get(3)[0];
        float[] b = off.logits().get(3)[0];
        float[] c = fp32.logits().get(3)[0];
        for (int v = 0; v < a.length; v++) {
          assertThat(Math.abs(a[v] - b[v])).as(preset + " " + dtype + " on/off").isLessThan(0.05f);
          assertThat(Math.abs(a[v] - c[v])).as(preset + " " + dtype + " vs fp32").isLessThan(0.5f);
        }
      }
    }
  }

  /** describe answers from the preset's config alone; overrides change the config hash. */
  @Test
  void describeNeedsNoWeights() throws Exception {
    long before = countFiles();
    ModelInfo full = ENGINE.describe(ModelRef.of("t5-small"), settings());
    assertThat(full.shape()).isEqualTo(ModelShape.ENCODER_DECODER);
    assertThat(full.vocabSize()).isEqualTo(32128);
    assertThat(full.details()).containsEntry("layers", 6).containsEntry("head_dim", 64);
    ModelInfo tiny = ENGINE.describe(new ModelRef("t5-small", null, TINY_T5), settings());
    assertThat(tiny.configHash()).isNotEqualTo(full.configHash());
    assertThat(tiny.details().get("overrides")).isEqualTo(new java.util.TreeMap<>(TINY_T5));
    assertThat(countFiles()).isEqualTo(before);
  }

  static long countFiles() throws java.io.IOException {
    if (!java.nio.file.Files.exists(cache)) return 0;
    try (var s = java.nio.file.Files.walk(cache)) {
      return s.count();
    }
  }

  @Test
  void unknownPresetAndBadOverrideAreBadInput() {
    assertThatThrownBy(() -> ENGINE.describe(ModelRef.of("gpt5"), settings()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("gpt5").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> ENGINE.describe(new ModelRef("gpt2", null, Map.of("n_layers", "2")), settings()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("n_layers");
  }
}
