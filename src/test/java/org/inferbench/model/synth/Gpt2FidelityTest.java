package org.inferbench.model.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.inferbench.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthesised GPT-2 computes what GPT-2 computes: ONNX Runtime's logits and cache equal a plain-Java pass. */
final class Gpt2FidelityTest {
  private static final long SEED = 11;
  @TempDir Path dir;

  @Test
  void prefillAndDecodeMatchReference() throws Exception {
    ModelConfig c = TinyConfigs.gpt2();
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

  /** Single, merged and split files give the same logits for a prefill and for decode steps with a past. */
  @Test
  void layoutsAgree() throws Exception {
    ModelConfig c = TinyConfigs.gpt2();
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
