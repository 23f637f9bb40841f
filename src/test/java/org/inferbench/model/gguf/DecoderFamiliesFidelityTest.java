package org.inferbench.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.inferbench.model.HfConfig;
import org.inferbench.model.ModelFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files InferBench writes for the 2026 families are the computation their architectures define: greedy tokens
 * from today's llama.cpp (its llama-server) over each family's tiny instance at F32 equal the argmax of a plain-Java
 * forward pass ({@link DecoderReference}) over the same file, step by step, and so do the log-probabilities of
 * llama.cpp's five likeliest tokens at every step (tied tiny models tend to repeat their last token, so the tokens
 * alone would say little). A step's token may differ only where the reference's two best logits are closer than
 * float rounding (llama.cpp keeps its KV cache in f16).
 */
final class DecoderFamiliesFidelityTest {
  private static final int STEPS = 8;
  /** Tokens per step whose log-probabilities are compared. */
  private static final int TOP = 5;
  /** llama.cpp's f16 KV cache and GELU table against the reference's doubles. */
  private static final double LOGPROB_TOLERANCE = 0.02;
  /** Share of the logits' spread within which two implementations may order the top two differently. */
  private static final double NEAR_TIE = 5e-3;
  @TempDir Path dir;

  @Test
  void llamaCppGreedyTokensEqualTheReference() throws Exception {
    LlamaCppTools.bin();
    for (Map.Entry<String, HfConfig> e : TinyDecoders.all().entrySet()) {
      HfConfig c = TinyDecoders.plainRope(e.getValue());
      Path file = new GgufFormat().write(c, dir.resolve(e.getKey()), new ModelFormat.Synthesis("F32", null, 3))
          .get(0);
      GgufFile gguf = GgufFile.read(file);
      List<Integer> banned = controlTokens(gguf);
      int[] prompt = {300, 17, 42, 260, 88, 61, 400, 9, 96, 123, 77, 5};
      List<LlamaServerGreedy.Step> steps;
      try (LlamaServerGreedy server = new LlamaServerGreedy(file)) {
        steps = server.steps(prompt, STEPS, banned, TOP);
      }
      List<Integer> got = steps.stream().map(LlamaServerGreedy.Step::id).toList();
      assertThat(got).as(e.getKey()).hasSize(STEPS);
      int[] all = new int[prompt.length + STEPS];
      System.arraycopy(prompt, 0, all, 0, prompt.length);
      for (int i = 0; i < STEPS; i++) all[prompt.length + i] = got.get(i);
      float[][] logits = new DecoderReference(gguf, c).logits(all);
      int exact = 0;
      for (int i = 0; i < STEPS; i++) {
        float[] row = logits[prompt.length - 1 + i];
        int best = argmax(row, banned);
        // the head of the distribution too: llama.cpp's top tokens at this step, with the reference's log-probs
        double[] ref = logSoftmax(row);
        LlamaServerGreedy.Step step = steps.get(i);
        assertThat(step.topIds()).as(e.getKey() + " step " + i).hasSize(TOP);
        for (int k = 0; k < TOP; k++) {
          assertThat(step.topLogprobs()[k]).as(e.getKey() + " step " + i + " top " + k + " (token " + step.topIds()[k]
              + ")").isCloseTo(ref[step.topIds()[k]], org.assertj.core.data.Offset.offset(LOGPROB_TOLERANCE));
        }
        double spread = spread(row);
        if (best == got.get(i)) {
          exact++;
        } else {
          assertThat((double) row[best] - row[got.get(i)])
              .as(e.getKey() + " step " + i + ": llama.cpp chose " + got.get(i)
              + ", the reference " + best + " (spread " + spread + ")").isLessThan(NEAR_TIE * spread);
        }
      }
      assertThat(exact).as(e.getKey() + ": steps where both chose the same token").isGreaterThan(STEPS / 2);
    }
  }

  private static double[] logSoftmax(float[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) max = Math.max(max, v);
    double total = 0;
    for (float v : z) total += Math.exp(v - max);
    double[] out = new double[z.length];
    for (int i = 0; i < z.length; i++) out[i] = z[i] - max - Math.log(total);
    return out;
  }

  private static List<Integer> controlTokens(GgufFile f) throws Exception {
    long[] types = f.getArray("tokenizer.ggml.token_type").longs();
    List<Integer> banned = new ArrayList<>();
    // control tokens (ignore_eos forbids end-of-generation ones anyway) and byte tokens, whose partial UTF-8 the
    // server holds back and reports with a later token: only whole normal pieces, one report per step
    for (int i = 0; i < types.length; i++) if (types[i] != 1) banned.add(i);
    return banned;
  }

  private static int argmax(float[] row, List<Integer> banned) {
    int best = -1;
    for (int i = 0; i < row.length; i++) {
      if (!banned.contains(i) && (best < 0 || row[i] > row[best])) best = i;
    }
    return best;
  }

  private static double spread(float[] row) {
    double mean = 0;
    for (float v : row) mean += v;
    mean /= row.length;
    double var = 0;
    for (float v : row) var += (v - mean) * (v - mean);
    return Math.sqrt(var / row.length);
  }
}
