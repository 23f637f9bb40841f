package org.inferbench.engine.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.EngineSettings;
import org.inferbench.core.LogitPositions;
import org.inferbench.core.ModelFacts;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.ModelRef;
import org.inferbench.core.TensorType;
import org.inferbench.core.TransformerDims;
import org.inferbench.model.ModelCache;
import org.inferbench.model.gguf.GgufValue;
import org.inferbench.model.gguf.GgufValueType;
import org.inferbench.model.gguf.GgufWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** describe() reads a GGUF header alone and gives the file's true dimensions, bytes per weight, logits and KV bytes. */
final class LlamaCppDescribeTest {
  @TempDir Path dir;
  final LlamaCppEngine engine = new LlamaCppEngine();

  ModelInfo describe(Path file, String... kv) throws BadInputException {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return engine.describe(ModelRef.of(file.toString()), EngineSettings.resolve("llamacpp", engine.settings(), m));
  }

  @Test
  void f16LlamaHasItsMetadataDimensionsAndTwoBytesPerWeight() throws Exception {
    ModelInfo info = describe(TinyLlamaGguf.write(dir.resolve("tiny.gguf"), TinyLlamaGguf.F16, 1));
    ModelFacts f = info.facts();
    TransformerDims d = f.dims();
    assertThat(List.of(d.layers(), d.hidden(), d.heads(), d.kvHeads(), d.headDim(), d.ffn(), d.vocab(), d.positions()))
        .containsExactly(2, 256, 4, 2, 64, 512, 300, 0);
    assertThat(d.gatedFfn()).isTrue();
    assertThat(d.biases()).isFalse();
    assertThat(d.layerNorm()).isFalse();
    assertThat(d.tiedLmHead()).isFalse();
    assertThat(f.weights().matmul()).isEqualTo(2.0);
    assertThat(f.weights().lmHead()).isEqualTo(2.0);
    assertThat(f.weights().embedding()).isEqualTo(2.0);
    assertThat(f.weights().normsAndBiases()).isEqualTo(4.0);
    assertThat(f.weights().label()).isEqualTo("F16");
    assertThat(f.logits()).isEqualTo(LogitPositions.LAST);
    assertThat(f.kvBytesPerElement()).isEqualTo(2.0);
    assertThat(info.dtype()).isEqualTo("F16");
    assertThat(info.vocabSize()).isEqualTo(300);
    assertThat(info.specialTokens()).containsExactly(0, 1, 2);
    assertThat(info.maxPositions()).as("ctx-size 0 before the harness passes lengths: min(4096, n_ctx_train)")
        .isEqualTo(512);
    assertThat(info.details()).containsEntry("n_ctx_train", 512).containsEntry("model_type", "llama");
  }

  @Test
  void q4KmMixHasElementWeightedMeansAndATiedLmHeadAtTheEmbeddingsType() throws Exception {
    var types = new TinyLlamaGguf.Types(TensorType.Q4_K, TensorType.Q6_K, TensorType.Q8_0, null, TensorType.F32, 15);
    ModelFacts f = describe(TinyLlamaGguf.write(dir.resolve("mix.gguf"), types, 2), "dtype", "Q4_K_M").facts();
    // per layer: q, o 256x256; k, v 256x128; gate, up 256x512 at Q4_K (144 B / 256); down 512x256 at Q6_K (210 / 256)
    long q4k = 2L * 65536 + 2L * 32768 + 2L * 131072;
    long q6k = 131072;
    double matmul = (q4k * 144.0 / 256 + q6k * 210.0 / 256) / (q4k + q6k);
    assertThat(f.weights().matmul()).isCloseTo(matmul, within(1e-12));
    assertThat(f.dims().tiedLmHead()).isTrue();
    assertThat(f.weights().lmHead()).isEqualTo(34.0 / 32);
    assertThat(f.weights().embedding()).isEqualTo(34.0 / 32);
    assertThat(f.weights().label()).isEqualTo("Q4_K_M (Q4_K, Q6_K, Q8_0)");
  }

  @Test
  void kvBytesPerElementAveragesTheKeyAndValueCacheTypes() throws Exception {
    Path tiny = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), TinyLlamaGguf.F16, 1);
    assertThat(describe(tiny, "cache-type-k", "q8_0", "cache-type-v", "q4_0", "flash-attn", "on").facts()
        .kvBytesPerElement()).isEqualTo((34.0 / 32 + 18.0 / 32) / 2);
    assertThat(describe(tiny, "cache-type-k", "q8_0").facts().kvBytesPerElement()).isEqualTo((34.0 / 32 + 2) / 2);
  }

  @Test
  void ctxSizeIsTheLongestPromptPlusOutputAccepted() throws Exception {
    Path tiny = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), TinyLlamaGguf.F16, 1);
    assertThat(describe(tiny, "ctx-size", "64").maxPositions()).isEqualTo(64);
  }

  @Test
  void aFileOfAnotherTypeIsRefusedAndADirectoryGivesItsFileOfTheAskedType() throws Exception {
    Path f16 = TinyLlamaGguf.write(dir.resolve("tiny-f16.gguf"), TinyLlamaGguf.F16, 1);
    Path q8file = TinyLlamaGguf.write(dir.resolve("tiny-q8.gguf"), TinyLlamaGguf.Types.uniform(TensorType.Q8_0, 7), 1);
    assertThat(describe(q8file).dtype()).as("a file's type is its own when no dtype is given").isEqualTo("Q8_0");
    assertThat(describe(q8file, "dtype", "Q8_0").dtype()).isEqualTo("Q8_0");
    assertThat(describe(dir).dtype()).as("a directory without dtype: its F16 file").isEqualTo("F16");
    assertThatThrownBy(() -> describe(f16, "dtype", "Q8_0")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("holds F16 weights, but dtype is Q8_0");
    assertThatThrownBy(() -> describe(f16, "dtype", "q8_0")).isInstanceOf(BadInputException.class)
        .hasMessageContaining(
            "expected one of F16, F32, Q8_0, Q4_0, Q4_K_M, Q5_K_M, Q6_K, MXFP4_MOE (llama.cpp's names)");
    ModelInfo q8 = describe(dir, "dtype", "Q8_0");
    assertThat(q8.dtype()).isEqualTo("Q8_0");
    assertThat(q8.facts().weights().matmul()).isEqualTo(34.0 / 32);
    assertThatThrownBy(() -> describe(dir, "dtype", "Q6_K")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("no .gguf files of type Q6_K");
  }

  @Test
  void aPresetIsDescribedTheSameBeforeAndAfterItsFileIsWritten() throws Exception {
    LlamaCppEngine cached = new LlamaCppEngine(new ModelCache(dir.resolve("cache")));
    EngineSettings q8 = EngineSettings.resolve("llamacpp", cached.settings(), Map.of("dtype", "Q8_0"));
    ModelRef preset = ModelRef.of("llama-tiny");
    ModelInfo before = cached.describe(preset, q8);
    assertThat(dir.resolve("cache")).doesNotExist();
    cached.prepare(preset, q8);
    ModelInfo after = cached.describe(preset, q8);
    assertThat(after.configHash()).isEqualTo(before.configHash());
    assertThat(after.facts()).isEqualTo(before.facts());
    assertThat(after.maxPositions()).isEqualTo(512);
    assertThat(after.dtype()).isEqualTo("Q8_0");
    // what the gguf format says it writes is what the written file holds
    try (var files = Files.walk(dir.resolve("cache"))) {
      Path written = files.filter(p -> p.toString().endsWith(".gguf")).findFirst().orElseThrow();
      ModelInfo read = describe(written, "dtype", "Q8_0");
      assertThat(read.facts().dims()).isEqualTo(after.facts().dims());
      assertThat(read.facts().weights().matmul()).isEqualTo(after.facts().weights().matmul());
      assertThat(read.facts().weights().lmHead()).isEqualTo(after.facts().weights().lmHead());
    }
  }

  @Test
  void gpt2HasLearnedPositionsBiasesAndLayerNorm() throws Exception {
    ModelFacts f = describe(tinyGpt2(dir.resolve("gpt2.gguf")), "dtype", "F32").facts();
    TransformerDims d = f.dims();
    assertThat(List.of(d.layers(), d.hidden(), d.heads(), d.kvHeads(), d.headDim(), d.ffn(), d.vocab(), d.positions()))
        .containsExactly(1, 64, 4, 4, 16, 256, 10, 128);
    assertThat(d.biases()).isTrue();
    assertThat(d.layerNorm()).isTrue();
    assertThat(d.gatedFfn()).isFalse();
    assertThat(f.weights().matmul()).isEqualTo(4.0);
  }

  /** A one-layer gpt2 file: only its header matters to describe(). */
  private static Path tinyGpt2(Path file) throws Exception {
    GgufWriter w = new GgufWriter();
    w.put("general.architecture", TinyLlamaGguf.text("gpt2"));
    w.put("general.file_type", TinyLlamaGguf.u32(0));
    for (String[] kv : new String[][] {{"context_length", "128"}, {"embedding_length", "64"}, {"block_count", "1"},
        {"feed_forward_length", "256"}, {"attention.head_count", "4"}}) {
      w.put("gpt2." + kv[0], TinyLlamaGguf.u32(Long.parseLong(kv[1])));
    }
    w.put("gpt2.attention.layer_norm_epsilon", new GgufValue.Real(GgufValueType.FLOAT32, 1e-5f));
    w.put("tokenizer.ggml.model", TinyLlamaGguf.text("gpt2"));
    w.put("tokenizer.ggml.tokens", GgufValue.strings(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")));
    w.put("tokenizer.ggml.merges", GgufValue.strings(List.of("a b")));
    long[][] shapes = {{64, 10}, {64, 128}, {64}, {64}, {64, 10}};
    String[] names = {"token_embd.weight", "position_embd.weight", "output_norm.weight", "output_norm.bias",
        "output.weight"};
    for (int i = 0; i < names.length; i++) add(w, names[i], shapes[i]);
    for (String n : new String[] {"attn_norm.weight", "attn_norm.bias", "attn_qkv.bias", "attn_output.bias",
        "ffn_norm.weight", "ffn_norm.bias", "ffn_down.bias"}) {
      add(w, "blk.0." + n, n.equals("attn_qkv.bias") ? new long[] {192} : new long[] {64});
    }
    add(w, "blk.0.ffn_up.bias", new long[] {256});
    add(w, "blk.0.attn_qkv.weight", new long[] {64, 192});
    add(w, "blk.0.attn_output.weight", new long[] {64, 64});
    add(w, "blk.0.ffn_up.weight", new long[] {64, 256});
    add(w, "blk.0.ffn_down.weight", new long[] {256, 64});
    w.write(file);
    return file;
  }

  private static void add(GgufWriter w, String name, long[] dims) {
    w.addTensor(name, TensorType.F32, dims, (row, out) -> java.util.Arrays.fill(out, 0.01f));
  }
}
