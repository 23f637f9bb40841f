package org.inferbench.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.ModelRef;
import org.inferbench.engine.Request;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding against the key/value cache gives the logits and greedy tokens of rerunning the whole sequence. */
final class OnnxDecoderCacheTest {
  @TempDir static Path tmp;
  static final OnnxEngine ENGINE = new OnnxEngine();
  static final TinyGptGraph GRAPH = new TinyGptGraph(2, 4, 16, 96, 64, 7);
  static Path single;
  static Path split;
  static Path merged;

  @BeforeAll
  static void write() throws Exception {
    single = GRAPH.writeModel(tmp.resolve("single"), "single");
    split = GRAPH.writeModel(tmp.resolve("split"), "split");
    merged = GRAPH.writeModel(tmp.resolve("merged"), "merged");
  }

  static EngineSettings settings(String... kv) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    m.putIfAbsent("threads", "1");
    return EngineSettings.resolve("onnx", ENGINE.settings(), m);
  }

  /** The model directory read with another config.json (--model-config). */
  static ModelRef withConfig(Path dir, String json) throws java.io.IOException {
    Path f = java.nio.file.Files.createTempFile(tmp, "config", ".json");
    java.nio.file.Files.writeString(f, json);
    return new ModelRef(dir.toString(), f, Map.of());
  }

  record Run(int[][] tokens, List<float[][]> logits) {}

  static Run run(Path dir, int[][] prompts, int output, String... settings) throws Exception {
    try (DecoderModel m = (DecoderModel) ENGINE.load(ModelRef.of(dir.toString()), settings(settings));
        DecoderGeneration g = m.start(new Request(prompts, output, false), true)) {
      int steps = 0;
      while (g.step() == 1) steps++;
      assertThat(steps).isEqualTo(output);
      int[][] tokens = new int[prompts.length][];
      for (int b = 0; b < prompts.length; b++) tokens[b] = g.tokens(b);
      return new Run(tokens, g.logits());
    }
  }

  static final int[][] PROMPTS = {{5, 17, 3, 42, 8, 11, 60, 2}, {9, 1, 33, 70, 4, 4, 21, 90}};

  @Test
  void cacheOnMatchesCacheOffOverSixteenSteps() throws Exception {
    Run on = run(single, PROMPTS, 16, "kv-cache", "on");
    Run off = run(single, PROMPTS, 16, "kv-cache", "off");
    for (int b = 0; b < PROMPTS.length; b++) {
      assertThat(on.tokens()[b]).containsExactly(off.tokens()[b]);
      assertThat(Arrays.stream(on.tokens()[b]).distinct().count()).isGreaterThanOrEqualTo(4);
    }
    for (int s = 0; s < 16; s++) {
      for (int b = 0; b < PROMPTS.length; b++) {
        float[] x = on.logits().get(s)[b];
        float[] y = off.logits().get(s)[b];
        for (int v = 0; v < x.length; v++) assertThat(Math.abs(x[v] - y[v])).isLessThan(1e-3f);
      }
    }
  }

  /** Split (decoder_model.onnx + decoder_with_past_model.onnx) and merged layouts decode as the single file does. */
  @Test
  void allLayoutsGiveTheSameTokens() throws Exception {
    Run a = run(single, PROMPTS, 12);
    for (Path dir : new Path[] {split, merged}) {
      Run b = run(dir, PROMPTS, 12);
      Run c = run(dir, PROMPTS, 12, "kv-cache", "off");
      assertThat(b.tokens()).isDeepEqualTo(a.tokens());
      assertThat(c.tokens()).isDeepEqualTo(a.tokens());
    }
    try (var m = ENGINE.load(ModelRef.of(merged.toString()), settings())) {
      assertThat(m.effectiveSettings()).containsEntry("layout", "merged");
    }
    try (var m = ENGINE.load(ModelRef.of(split.toString()), settings())) {
      assertThat(m.effectiveSettings()).containsEntry("layout", "split");
    }
  }

  /** dtype=fp16 reads float16 pasts and logits; its greedy tokens match the float32 file's here. */
  @Test
  void fp16FileDecodesLikeFp32() throws Exception {
    Run fp32 = run(single, PROMPTS, 10);
    Run fp16 = run(single, PROMPTS, 10, "dtype", "fp16");
    Run fp16off = run(single, PROMPTS, 10, "dtype", "fp16", "kv-cache", "off");
    assertThat(fp16.tokens()).isDeepEqualTo(fp32.tokens());
    assertThat(fp16off.tokens()).isDeepEqualTo(fp32.tokens());
    assertThat(Math.abs(fp16.logits().get(3)[1][5] - fp32.logits().get(3)[1][5])).isLessThan(0.05f);
  }

  /** stop-at-eos ends the request once every sequence produced the end-of-sequence id; otherwise it is ignored. */
  @Test
  void stopsAtEosOnlyWhenAsked() throws Exception {
    try (DecoderModel m = (DecoderModel) ENGINE.load(ModelRef.of(single.toString()), settings())) {
      int[][] prompt = {PROMPTS[0]};
      int[] free;
      try (DecoderGeneration g = m.start(new Request(prompt, 3, false), false)) {
        while (g.step() == 1) {}
        free = g.tokens(0);
      }
      // the model's third token becomes its end-of-sequence id: the same request must stop there
      ModelRef eos = withConfig(single, GRAPH.configJson().replace("\"eos_token_id\": 95",
          "\"eos_token_id\": " + free[1]));
      try (DecoderModel m2 = (DecoderModel) ENGINE.load(eos, settings());
          DecoderGeneration g = m2.start(new Request(prompt, 8, true), false)) {
        int steps = 0;
        while (g.step() == 1) steps++;
        assertThat(g.tokens(0)).startsWith(free[0], free[1]);
        assertThat(steps).isLessThanOrEqualTo(2);
      }
      try (DecoderModel m3 = (DecoderModel) ENGINE.load(eos, settings());
          DecoderGeneration g = m3.start(new Request(prompt, 8, false), false)) {
        int steps = 0;
        while (g.step() == 1) steps++;
        assertThat(steps).isEqualTo(8);
      }
    }
  }

  /** A config whose layer count or head count disagrees with the graph fails at load with one line. */
  @Test
  void configDisagreeingWithGraphIsBadInput() throws Exception {
    ModelRef threeLayers = withConfig(single, GRAPH.configJson().replace("\"n_layer\": 2", "\"n_layer\": 3"));
    ModelRef twoHeads = withConfig(single, GRAPH.configJson().replace("\"n_head\": 4", "\"n_head\": 2"));
    assertThatThrownBy(() -> ENGINE.load(threeLayers, settings()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("model.onnx").hasMessageContaining("3")
        .hasMessageContaining("layers").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> ENGINE.load(twoHeads, settings()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("heads").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> ENGINE.load(ModelRef.of(single.toString()), settings("dtype", "int8")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("model_quantized.onnx")
        .hasMessageNotContaining("\n");
  }

  /** Through the harness's timer a request yields exactly the asked number of tokens, one per step. */
  @Test
  void harnessSeesOneTokenPerStep() throws Exception {
    try (var m = ENGINE.load(ModelRef.of(merged.toString()), settings())) {
      var timeline = org.inferbench.measure.RequestTimer.time(m, new Request(PROMPTS, 16, false));
      assertThat(timeline.tokens()).isEqualTo(16);
      // one step per token: every token has its own, strictly later timestamp (15 positive gaps)
      long[] t = timeline.offsets();
      for (int i = 1; i < t.length; i++) assertThat(t[i]).isGreaterThan(t[i - 1]);
    }
  }

  /** A directory offers the layout it has: asking for merged where only model.onnx exists records single. */
  @Test
  void directoryLayoutIsWhatItHolds() throws Exception {
    try (var m = ENGINE.load(ModelRef.of(single.toString()), settings("layout", "merged"))) {
      assertThat(m.effectiveSettings()).containsEntry("layout", "single");
    }
  }
}
