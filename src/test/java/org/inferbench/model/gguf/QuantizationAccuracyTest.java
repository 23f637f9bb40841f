package org.inferbench.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.inferbench.model.HfConfig;
import org.inferbench.model.ModelFormat;
import org.inferbench.model.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quantization is right, not just loadable: for every file type, llama.cpp's greedy tokens over 16 steps equal the
 * top tokens of a plain-Java forward pass over InferBench's own dequantized weights, except at steps whose top-2
 * margin is within the error the format's rounding puts on the logits (at most 2 of 16). A wrong nibble order or
 * scale layout would make llama.cpp compute with other weights and disagree at most steps.
 */
final class QuantizationAccuracyTest {
  private static final int STEPS = 16;
  private static final long SEED = 11;
  private static final int[] PROMPT = {300, 301, 302, 400, 350, 500, 303, 450};

  @TempDir static Path dir;

  @Test
  void tinyLlamaAgreesWithTheReferenceForEveryFileType() throws Exception {
    check("llama-tiny", Presets.get("llama-tiny"), 4);
  }

  @Test
  void tinyGpt2AgreesWithTheReferenceForEveryFileType() throws Exception {
    // every matrix a multiple of 256 wide, so the K-quants are used, and room for the 256 byte tokens; two layers
    // with a tied output repeat one token (the current token's own row wins), so only the logits' agreement counts
    check("gpt2-tiny", Presets.get("gpt2").withOverrides(Map.of("n_embd", "256", "n_head", "4", "n_layer", "2",
        "n_positions", "128", "vocab_size", "512", "bos_token_id", "511", "eos_token_id", "511")), 1);
  }

  /** @param minDistinct distinct tokens the float model must produce, so the steps test different contexts */
  private static void check(String name, HfConfig c, int minDistinct) throws Exception {
    Path f32File = write(name, c, GgufFileType.F32);
    GgufReference floatRef = new GgufReference(GgufFile.read(f32File));
    for (GgufFileType type : GgufFileType.values()) {
      Path file = type == GgufFileType.F32 ? f32File : write(name, c, type);
      GgufFile gguf = GgufFile.read(file);
      GreedyVocab vocab = new GreedyVocab(gguf);
      List<Integer> generated = LlamaCppGreedy.tokens(file, vocab, PROMPT, STEPS);
      assertThat(generated).as(type + ": tokens").hasSize(STEPS);
      if (type == GgufFileType.F32) {
        assertThat(generated.stream().distinct().count()).as(type + ": distinct tokens " + generated)
            .isGreaterThanOrEqualTo(minDistinct);
      }
      int[] sequence = IntStream.concat(IntStream.of(PROMPT), generated.stream().mapToInt(Integer::intValue))
          .toArray();
      float[][] ref = new GgufReference(gguf).logits(sequence);
      float[][] exact = floatRef.logits(sequence);
      int close = 0;
      for (int s = 0; s < STEPS; s++) {
        float[] logits = ref[PROMPT.length - 1 + s];
        int[] top = vocab.top2(logits);
        double margin = logits[top[0]] - logits[top[1]];
        double expected = expectedError(logits, exact[PROMPT.length - 1 + s], vocab);
        if (top[0] != generated.get(s)) {
          assertThat(margin).as(type + " step " + s + ": llama.cpp chose " + generated.get(s) + ", the reference "
              + top[0] + " by a margin beyond the format's logit error " + expected).isLessThan(expected);
          close++;
        }
      }
      assertThat(close).as(type + ": steps decided within the rounding error").isLessThanOrEqualTo(2);
    }
  }

  /**
   * How far this format's rounding moves the logits: twice the RMS difference between the reference over its
   * dequantized weights and over the float weights, and never below 0.1 % of the logits' spread (float and f16
   * arithmetic differ that much between any two implementations).
   */
  private static double expectedError(float[] quantized, float[] exact, GreedyVocab vocab) {
    double diff = 0;
    int n = 0;
    for (int t = 0; t < quantized.length; t++) {
      if (!vocab.allowed(t)) continue;
      diff += (quantized[t] - exact[t]) * (quantized[t] - exact[t]);
      n++;
    }
    return Math.max(2 * Math.sqrt(diff / n), GreedyVocab.FLOAT_TOLERANCE * vocab.spread(exact));
  }

  private static Path write(String name, HfConfig c, GgufFileType type) throws Exception {
    return new GgufFormat().write(c, dir.resolve(name + "-" + type), new ModelFormat.Synthesis(type.name(), null,
        SEED)).get(0);
  }
}
