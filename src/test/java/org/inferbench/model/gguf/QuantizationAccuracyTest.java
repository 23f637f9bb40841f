package org.inferbench.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.RawCompletions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
      Vocab vocab = new Vocab(gguf);
      List<Integer> generated = llamaCppGreedy(file, vocab);
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
        int[] top = top2(logits, vocab);
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
  private static double expectedError(float[] quantized, float[] exact, Vocab vocab) {
    double diff = 0;
    double mean = 0;
    double sq = 0;
    int n = 0;
    for (int t = 0; t < quantized.length; t++) {
      if (!vocab.allowed(t)) continue;
      diff += (quantized[t] - exact[t]) * (quantized[t] - exact[t]);
      mean += exact[t];
      sq += exact[t] * exact[t];
      n++;
    }
    double spread = Math.sqrt(Math.max(0, sq / n - (mean / n) * (mean / n)));
    return Math.max(2 * Math.sqrt(diff / n), 1e-3 * spread);
  }

  private static int[] top2(float[] logits, Vocab vocab) {
    int best = -1;
    int second = -1;
    for (int t = 0; t < logits.length; t++) {
      if (!vocab.allowed(t)) continue;
      if (best < 0 || logits[t] > logits[best]) {
        second = best;
        best = t;
      } else if (second < 0 || logits[t] > logits[second]) {
        second = t;
      }
    }
    return new int[] {best, second};
  }

  private static Path write(String name, HfConfig c, GgufFileType type) throws Exception {
    return new GgufFormat().write(c, dir.resolve(name + "-" + type), new ModelFormat.Synthesis(type.name(), null,
        SEED)).get(0);
  }

  /**
   * llama.cpp's greedy choice for 16 steps after the prompt (given as token ids), with the byte and special tokens
   * banned so that every step's text is one whole token and names it.
   */
  private static List<Integer> llamaCppGreedy(Path file, Vocab vocab) throws Exception {
    ModelParameters p = new ModelParameters().setModel(file.toString()).setThreads(2).setCtxSize(64);
    try (LlamaModel model = new LlamaModel(p)) {
      String banned = vocab.banned().stream().map(id -> "[" + id + ",false]").collect(Collectors.joining(","));
      String request = "{\"prompt\":" + java.util.Arrays.toString(PROMPT) + ",\"n_predict\":" + STEPS
          + ",\"ignore_eos\":true,\"cache_prompt\":false,\"temperature\":0,\"stream\":true,\"logit_bias\":["
          + banned + "]}";
      int task = RawCompletions.request(model, request);
      List<Integer> ids = new ArrayList<>();
      while (true) {
        LlamaOutput o = RawCompletions.next(model, task);
        if (!o.text.isEmpty()) ids.add(vocab.id(o.text));
        if (RawCompletions.last(o)) break;
      }
      return ids;
    }
  }

  /** The file's vocabulary: which tokens may be chosen, and each one's text. */
  private static final class Vocab {
    private final Map<String, Integer> byText = new HashMap<>();
    private final boolean[] allowed;

    Vocab(GgufFile f) throws Exception {
      List<String> tokens = f.getStrings("tokenizer.ggml.tokens");
      long[] types = f.getArray("tokenizer.ggml.token_type").longs();
      allowed = new boolean[tokens.size()];
      for (int i = 0; i < tokens.size(); i++) {
        String t = tokens.get(i);
        // normal tokens of two or more letters: whole ASCII text, one token per streamed result
        allowed[i] = types[i] == 1 && t.replace("\u2581", "").length() >= 2;
        if (allowed[i]) byText.put(t.replace('\u2581', ' '), i);
      }
    }

    boolean allowed(int id) {
      return allowed[id];
    }

    List<Integer> banned() {
      List<Integer> b = new ArrayList<>();
      for (int i = 0; i < allowed.length; i++) if (!allowed[i]) b.add(i);
      return b;
    }

    int id(String text) {
      Integer id = byText.get(text);
      if (id == null) throw new AssertionError("llama.cpp produced '" + text + "', not one allowed token");
      return id;
    }
  }
}
