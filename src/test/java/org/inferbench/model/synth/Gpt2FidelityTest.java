package org.inferbench.model.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.inferbench.model.HfConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthesised GPT-2 computes what GPT-2 computes: ONNX Runtime's logits and cache equal a plain-Java pass. */
final class Gpt2FidelityTest {
  private static final long SEED = 11;
  @TempDir Path dir;

  @Test
  void prefillAndDecodeMatchReference() throws Exception {
    HfConfig c = TinyConfigs.gpt2();
    List<Path> files = OnnxModelWriter.write(c, dir, "fp32", "single", SEED);
    ReferenceGpt2 ref = new ReferenceGpt2(c, OnnxModelWriter.weights(c, SEED));
    try (DecoderSteps onnx = new DecoderSteps(c, "single", files)) {
      long[] prompt = {5, 17, 42, 3, 88, 60};
      Map<String, Onnx.Tensor> out = onnx.step(prompt);
      assertThat(out.get("logits").shape()).containsExactly(1, prompt.length, c.vocabSize());
      assertThat(RefMath.maxAbsDiff(out.get("logits").values(), RefMath.flatten(ref.step(prompt)))).isLessThan(1e-4);
      assertThat(RefMath.maxAbsDiff(out.get("present.1.value").values(), ref.cache(1, false))).isLessThan(1e-4);
      for (long next : new long[] {9, 96}) {
        out = onnx.step(next);
        assertThat(out.get("present.0.key").shape()).containsExactly(1, c.heads(), prompt.length + (next == 9 ? 1 : 2),
            c.headDim());
        assertThat(RefMath.maxAbsDiff(out.get("logits").values(), RefMath.flatten(ref.step(new long[] {next}))))
            .isLessThan(1e-4);
      }
    }
  }

  /** A batch of two different prompts gives each row the logits that prompt gets alone. */
  @Test
  void batchRowsMatchTheReferenceOneByOne() throws Exception {
    HfConfig c = TinyConfigs.gpt2();
    Path file = OnnxModelWriter.write(c, dir, "fp32", "single", SEED).get(0);
    long[][] prompts = {{5, 17, 42, 3}, {90, 1, 2, 64}};
    long[] ids = new long[8];
    long[] pos = new long[8];
    long[] mask = new long[8];
    for (int b = 0; b < 2; b++) {
      for (int s = 0; s < 4; s++) {
        ids[b * 4 + s] = prompts[b][s];
        pos[b * 4 + s] = s;
        mask[b * 4 + s] = 1;
      }
    }
    java.util.Map<String, ai.onnxruntime.OnnxTensor> in = new java.util.HashMap<>();
    in.put("input_ids", Onnx.longs(ids, 2, 4));
    in.put("position_ids", Onnx.longs(pos, 2, 4));
    in.put("attention_mask", Onnx.longs(mask, 2, 4));
    for (int l = 0; l < c.layers(); l++) {
      in.put("past_key_values." + l + ".key", Onnx.floats(new float[0], 2, c.heads(), 0, c.headDim()));
      in.put("past_key_values." + l + ".value", Onnx.floats(new float[0], 2, c.heads(), 0, c.headDim()));
    }
    float[] logits;
    try (ai.onnxruntime.OrtSession s = Onnx.session(file)) {
      logits = Onnx.run(s, in).get("logits").values();
    }
    in.values().forEach(ai.onnxruntime.OnnxTensor::close);
    int rowSize = 4 * c.vocabSize();
    for (int b = 0; b < 2; b++) {
      float[] row = java.util.Arrays.copyOfRange(logits, b * rowSize, (b + 1) * rowSize);
      float[] ref = RefMath.flatten(new ReferenceGpt2(c, OnnxModelWriter.weights(c, SEED)).step(prompts[b]));
      assertThat(RefMath.maxAbsDiff(row, ref)).as("row " + b).isLessThan(1e-4);
    }
  }

  /** Single, merged and split files give the same logits for a prefill and for decode steps with a past. */
  @Test
  void layoutsAgree() throws Exception {
    HfConfig c = TinyConfigs.gpt2();
    float[][] expected = null;
    for (String layout : OnnxModelWriter.LAYOUTS) {
      List<Path> files = OnnxModelWriter.write(c, dir.resolve(layout), "fp32", layout, SEED);
      try (DecoderSteps steps = new DecoderSteps(c, layout, files)) {
        float[][] logits = {steps.step(1, 2, 3, 4).get("logits").values(), steps.step(50).get("logits").values(),
            steps.step(7).get("logits").values()};
        if (expected == null) {
          expected = logits;
        } else {
          for (int i = 0; i < logits.length; i++) {
            assertThat(RefMath.maxAbsDiff(logits[i], expected[i])).as(layout + " step " + i).isLessThan(1e-5);
          }
        }
      }
    }
  }
}
