package org.inferbench.model.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.inferbench.model.HfConfig;
import org.inferbench.model.ModelFormat;
import org.inferbench.model.Presets;
import org.inferbench.model.gguf.GgufFile;
import org.inferbench.model.gguf.GgufFormat;
import org.inferbench.model.gguf.GgufReference;
import org.inferbench.model.gguf.TensorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The llama ONNX export is the same model as the GGUF file of the same preset and seed: ONNX Runtime's logits (in
 * Hugging Face's layout: rotate_half, unpermuted q/k rows, [in, out] weights) equal a plain-Java forward pass over
 * the F32 GGUF file (llama.cpp's layout: adjacent-pair RoPE over permuted rows), through prefill and cached decode
 * steps; the files pass the ONNX checker and hold as many parameters as the GGUF file.
 */
final class LlamaFidelityTest {
  private static final long SEED = 11;
  @TempDir Path dir;

  @Test
  void onnxLogitsEqualTheReferenceOverTheGgufWeights() throws Exception {
    for (HfConfig c : List.of(TinyConfigs.llama(), Presets.get("llama-tiny"))) {
      String name = c.tiedEmbeddings() ? "tied" : "untied";
      GgufReference ref = new GgufReference(GgufFile.read(gguf(c, name)));
      List<Path> files = OnnxModelWriter.write(c, dir.resolve(name + "-onnx"), "fp32", "merged", SEED);
      int[] tokens = {5, 17, 42, 3, 88, 60, 260, 9, 96};
      float[][] expected = ref.logits(tokens);
      try (DecoderSteps onnx = new DecoderSteps(c, "merged", files)) {
        long[] prompt = Arrays.stream(tokens, 0, 7).asLongStream().toArray();
        Map<String, Onnx.Tensor> out = onnx.step(prompt);
        assertThat(out.get("present.0.key").shape()).containsExactly(1, c.kvHeads(), prompt.length, c.headDim());
        float[] logits = out.get("logits").values();
        for (int s = 0; s < prompt.length; s++) {
          float[] row = Arrays.copyOfRange(logits, s * c.vocabSize(), (s + 1) * c.vocabSize());
          assertClose(name + " prefill position " + s, row, expected[s]);
        }
        for (int s = 7; s < tokens.length; s++) {
          assertClose(name + " decode step " + s, onnx.step(tokens[s]).get("logits").values(), expected[s]);
        }
      }
    }
  }

  @Test
  void everyDtypePassesTheCheckerWithTheGgufParameterCount() throws Exception {
    for (HfConfig c : List.of(TinyConfigs.llama(), Presets.get("llama-tiny"))) {
      String name = c.tiedEmbeddings() ? "tied" : "untied";
      long ggufParameters = 0;
      for (TensorInfo t : GgufFile.read(gguf(c, name)).tensors()) {
        if (!t.name().equals("rope_freqs.weight")) ggufParameters += t.elements(); // computed, not trained
      }
      assertThat(ggufParameters).isEqualTo(c.parameterCount());
      for (String dtype : OnnxModelWriter.DTYPES) {
        for (Path f : OnnxModelWriter.write(c, dir.resolve(name + "-" + dtype), dtype, "merged", SEED)) {
          assertThat(Onnx.check(f)).as(f.toString()).isEmpty();
          assertThat(parameters(f)).as(name + " " + dtype).isEqualTo(ggufParameters);
        }
      }
    }
  }

  private Path gguf(HfConfig c, String name) throws IOException, org.inferbench.core.BadInputException {
    return new GgufFormat().write(c, dir.resolve(name + "-gguf"), new ModelFormat.Synthesis("F32", null, SEED)).get(0);
  }

  /**
   * The elements of the file's weights as the ONNX package counts them: every initializer but shape constants and
   * the scalar scale and zero point of each int8 weight.
   */
  private static long parameters(Path f) throws Exception {
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", """
        import onnx, sys, math
        m = onnx.load(sys.argv[1], load_external_data=False)
        print(sum(math.prod(t.dims) for t in m.graph.initializer
                  if not t.name.startswith('const_') and not t.name.endswith(('_scale', '_zero_point'))))
        """, f.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor()).as(out).isZero();
    return Long.parseLong(out);
  }

  private static void assertClose(String what, float[] actual, float[] expected) {
    double scale = 0;
    for (float v : expected) scale = Math.max(scale, Math.abs(v));
    assertThat(RefMath.maxAbsDiff(actual, expected)).as(what + " (logits up to " + scale + ")")
        .isLessThan(1e-4 * Math.max(1, scale));
  }
}
