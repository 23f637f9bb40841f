package org.inferbench.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.inferbench.core.BadInputException;
import org.inferbench.core.LogitPositions;
import org.inferbench.core.ModelFacts;
import org.inferbench.core.TensorType;
import org.inferbench.model.HfConfig;
import org.inferbench.model.ModelFormat;
import org.inferbench.model.Presets;
import org.inferbench.model.synth.LlamaWeights;
import org.inferbench.model.synth.OnnxModelWriter;
import org.inferbench.model.synth.RopeFactors;
import org.inferbench.model.synth.WeightSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthesised GGUF files hold llama.cpp's metadata with its key types, every tensor at the type llama.cpp's quantizer
 * would choose, and the same seeded weights the model has in every format.
 */
final class GgufFormatTest {
  private static final GgufFormat FORMAT = new GgufFormat();
  private static final long SEED = 3;

  @TempDir Path dir;

  private Path write(HfConfig c, GgufFileType type) throws Exception {
    return FORMAT.write(c, dir.resolve(type.name()), new ModelFormat.Synthesis(type.name(), null, SEED)).get(0);
  }

  @Test
  void everyFileTypeWritesThePlannedTensorsWithLlamaCppsKeyTypes() throws Exception {
    HfConfig c = Presets.get("llama-tiny");
    for (GgufFileType type : GgufFileType.values()) {
      GgufFile f = GgufFile.read(write(c, type));
      assertThat(f.architecture()).isEqualTo("llama");
      // the getters refuse a value stored at another type: these are the types llama.cpp's loader demands
      assertThat(f.getU32("general.file_type")).isEqualTo(type.id());
      assertThat(f.getU32("general.quantization_version")).isEqualTo(2);
      assertThat(f.getU32("llama.block_count")).isEqualTo(2);
      assertThat(f.getU32("llama.attention.head_count_kv")).isEqualTo(2);
      assertThat(f.getF32("llama.attention.layer_norm_rms_epsilon")).isEqualTo(1e-5f);
      assertThat(f.getStrings("tokenizer.ggml.tokens")).hasSize(512).doesNotHaveDuplicates().contains("<0x41>");
      assertThat(f.fileType()).contains(type.name());
      TensorPlan plan = TensorPlan.of(c, type);
      assertThat(f.tensors()).extracting(TensorInfo::name)
          .containsExactlyElementsOf(plan.tensors().stream().map(TensorPlan.Entry::name).toList());
      long params = 0;
      for (TensorInfo t : f.tensors()) {
        assertThat(t.tensorType()).as(t.name()).contains(plan.get(t.name()).type());
        params += t.elements();
      }
      assertThat(params).as(type.name()).isEqualTo(c.parameterCount());
    }
  }

  @Test
  void weightsAreTheSeededFloatsWithQueryAndKeyRowsPermutedForLlamaCppsRope() throws Exception {
    HfConfig c = Presets.get("llama-tiny");
    GgufFile f32 = GgufFile.read(write(c, GgufFileType.F32));
    Map<String, LlamaWeights.Tensor> hf = LlamaWeights.of(c);
    float[] q = LlamaWeights.values(hf.get("model.layers.1.self_attn.q_proj.weight"), SEED);
    int width = c.hidden();
    TensorInfo attnQ = f32.tensor("blk.1.attn_q.weight").orElseThrow();
    for (int row : new int[] {0, 1, 2, 31, 32, 33, 64, 255}) {
      float[] got = f32.dequantizeRows(attnQ, row, 1);
      int from = GgufModelWriter.hfRowOf(row, c.headDim()) * width;
      assertThat(got).as("row " + row).containsExactly(java.util.Arrays.copyOfRange(q, from, from + width));
    }
    // within a head, GGUF rows 0, 1 are Hugging Face rows 0 and head_dim/2: the pair llama.cpp rotates together
    assertThat(GgufModelWriter.hfRowOf(1, 64)).isEqualTo(32);
    assertThat(GgufModelWriter.hfRowOf(64 + 2, 64)).isEqualTo(64 + 1);
    float[] down = LlamaWeights.values(hf.get("model.layers.0.mlp.down_proj.weight"), SEED);
    assertThat(f32.dequantize(f32.tensor("blk.0.ffn_down.weight").orElseThrow(), down.length)).containsExactly(down);
    // quantized: the same floats within Q8_0's rounding (a scale of amax / 127 per 32 values)
    GgufFile q8 = GgufFile.read(write(c, GgufFileType.Q8_0));
    float[] got = q8.dequantize(q8.tensor("blk.0.ffn_down.weight").orElseThrow(), down.length);
    float max = 0;
    for (float v : down) max = Math.max(max, Math.abs(v));
    for (int i = 0; i < down.length; i++) assertThat(got[i]).isCloseTo(down[i], within(max / 127f));
  }

  @Test
  void gpt2HoldsItsOnnxTwinsWeightsWithConv1dTransposedAndTheEmbeddingTwice() throws Exception {
    HfConfig c = Presets.get("distilgpt2").withOverrides(Map.of("n_layer", "1", "n_positions", "64"));
    GgufFile f = GgufFile.read(write(c, GgufFileType.F32));
    WeightSet onnx = OnnxModelWriter.weights(c, SEED);
    float[] cAttn = onnx.get("transformer.h.0.attn.c_attn.weight"); // [in 768, out 2304]
    float[] row5 = f.dequantizeRows(f.tensor("blk.0.attn_qkv.weight").orElseThrow(), 5, 1);
    for (int k = 0; k < 768; k++) assertThat(row5[k]).isEqualTo(cAttn[k * 2304 + 5]);
    float[] wte = onnx.get("transformer.wte.weight");
    for (String name : List.of("token_embd.weight", "output.weight")) {
      float[] row7 = f.dequantizeRows(f.tensor(name).orElseThrow(), 7, 1);
      assertThat(row7).containsExactly(java.util.Arrays.copyOfRange(wte, 7 * 768, 8 * 768));
    }
    assertThat(f.getStrings("tokenizer.ggml.merges")).isNotEmpty();
    assertThat(f.getStrings("tokenizer.ggml.tokens").get(50256)).isEqualTo("<|endoftext|>");
  }

  @Test
  void typesFollowLlamaCppsQuantizerIncludingTheFallbackForRowsThatAreNotWholeKBlocks() throws Exception {
    // llama-tiny: every row a multiple of 256, untied output
    TensorPlan tiny = TensorPlan.of(Presets.get("llama-tiny"), GgufFileType.Q4_K_M);
    assertThat(type(tiny, "output.weight")).isEqualTo(TensorType.Q6_K);
    assertThat(type(tiny, "token_embd.weight")).isEqualTo(TensorType.Q4_K);
    assertThat(type(tiny, "blk.0.attn_v.weight")).isEqualTo(TensorType.Q4_K);
    assertThat(type(tiny, "blk.1.attn_v.weight")).isEqualTo(TensorType.Q6_K); // the last eighth gets more bits
    assertThat(type(tiny, "blk.1.ffn_down.weight")).isEqualTo(TensorType.Q6_K);
    assertThat(type(tiny, "blk.0.attn_norm.weight")).isEqualTo(TensorType.F32);
    // SmolLM2: hidden 576 is not a multiple of 256, so its K-quants fall back; tied, so token_embd is the output
    TensorPlan smol = TensorPlan.of(Presets.get("smollm2-135m"), GgufFileType.Q4_K_M);
    assertThat(type(smol, "blk.4.attn_q.weight")).isEqualTo(TensorType.Q5_0);   // Q4_K -> Q5_0
    assertThat(type(smol, "blk.0.attn_v.weight")).isEqualTo(TensorType.Q8_0);   // Q6_K -> Q8_0
    assertThat(type(smol, "blk.4.ffn_down.weight")).isEqualTo(TensorType.Q4_K); // 1536 columns fit
    assertThat(type(smol, "blk.5.ffn_down.weight")).isEqualTo(TensorType.Q6_K);
    assertThat(type(smol, "token_embd.weight")).isEqualTo(TensorType.Q8_0);
    assertThat(smol.get("output.weight")).isNull();
    TensorPlan q5 = TensorPlan.of(Presets.get("smollm2-135m"), GgufFileType.Q5_K_M);
    assertThat(type(q5, "blk.4.attn_q.weight")).isEqualTo(TensorType.Q5_1);     // Q5_K -> Q5_1
    // gpt2: the fused qkv is attn_v-like, so Q6_K in the layers that get more bits; position embeddings are never
    // quantized and keep the F32 file's type
    TensorPlan gpt2 = TensorPlan.of(Presets.get("gpt2"), GgufFileType.Q4_K_M);
    assertThat(type(gpt2, "blk.0.attn_qkv.weight")).isEqualTo(TensorType.Q6_K);
    assertThat(type(gpt2, "blk.2.attn_qkv.weight")).isEqualTo(TensorType.Q4_K);
    assertThat(type(gpt2, "position_embd.weight")).isEqualTo(TensorType.F32);
    assertThat(type(TensorPlan.of(Presets.get("gpt2"), GgufFileType.F16), "position_embd.weight"))
        .isEqualTo(TensorType.F32);
    assertThat(type(gpt2, "output.weight")).isEqualTo(TensorType.Q6_K);
    // Q8_0 and Q4_0 files: one type for the matrices, the output at Q8_0 / Q6_K
    TensorPlan q8 = TensorPlan.of(Presets.get("llama-tiny"), GgufFileType.Q8_0);
    assertThat(type(q8, "output.weight")).isEqualTo(TensorType.Q8_0);
    TensorPlan q40 = TensorPlan.of(Presets.get("llama-tiny"), GgufFileType.Q4_0);
    assertThat(type(q40, "output.weight")).isEqualTo(TensorType.Q6_K);
    assertThat(type(q40, "blk.1.attn_v.weight")).isEqualTo(TensorType.Q4_0);
  }

  /** Rows that fit neither the type nor its 32-value fallback are F16, as llama-quantize writes them. */
  @Test
  void rowsThatFitNoBlockFallBackToF16() {
    assertThat(QuantRules.fallback(TensorType.Q4_K, 48)).isEqualTo(TensorType.F16);
    assertThat(QuantRules.fallback(TensorType.Q8_0, 48)).isEqualTo(TensorType.F16);
    assertThat(QuantRules.fallback(TensorType.Q6_K, 96)).isEqualTo(TensorType.Q8_0);
    assertThat(QuantRules.fallback(TensorType.Q4_0, 64)).isEqualTo(TensorType.Q4_0);
  }

  /** llama.cpp's "70B" (80 layers, grouped KV heads) moves attn_v from Q4_K to Q5_K where it gets no Q6_K. */
  @Test
  void aSeventyBLlamaGetsQ5KForAttnV() {
    QuantRules.Model seventy = new QuantRules.Model(80, false, true);
    assertThat(QuantRules.typeOf(GgufFileType.Q4_K_M, QuantRules.Role.ATTN_V, 8192, 20, seventy))
        .isEqualTo(TensorType.Q5_K);
    assertThat(QuantRules.typeOf(GgufFileType.Q4_K_M, QuantRules.Role.ATTN_V, 8192, 0, seventy))
        .isEqualTo(TensorType.Q6_K);
    assertThat(QuantRules.typeOf(GgufFileType.Q4_K_M, QuantRules.Role.ATTN_V, 8192, 20,
        new QuantRules.Model(80, false, false))).isEqualTo(TensorType.Q4_K);
  }

  @Test
  void moreBitsGoToTheFirstAndLastEighthAndEveryThirdLayerBetween() {
    Set<Integer> chosen = new HashSet<>();
    for (int i = 0; i < 16; i++) if (QuantRules.useMoreBits(i, 16)) chosen.add(i);
    assertThat(chosen).containsExactlyInAnyOrder(0, 1, 4, 7, 10, 13, 14, 15);
  }

  @Test
  void factsCountEveryKindOfTensorAtItsOwnType() throws Exception {
    HfConfig c = Presets.get("llama-tiny");
    ModelFacts f16 = FORMAT.facts(c, "F16");
    assertThat(f16.weights().matmul()).isEqualTo(2.0);
    assertThat(f16.weights().normsAndBiases()).isEqualTo(4.0);
    assertThat(f16.logits()).isEqualTo(LogitPositions.LAST);
    assertThat(f16.kvBytesPerElement()).isEqualTo(2.0);
    ModelFacts q4km = FORMAT.facts(c, "Q4_K_M");
    assertThat(q4km.weights().matmul()).isStrictlyBetween(TensorType.Q4_K.bytesPerWeight(),
        TensorType.Q6_K.bytesPerWeight());
    assertThat(q4km.weights().lmHead()).isEqualTo(TensorType.Q6_K.bytesPerWeight());
    assertThat(q4km.weights().embedding()).isEqualTo(TensorType.Q4_K.bytesPerWeight());
    assertThat(q4km.weights().label()).isEqualTo("Q4_K, Q6_K");
    // the facts' bytes are the file's: every matrix at its own type
    TensorPlan plan = TensorPlan.of(c, GgufFileType.Q4_K_M);
    long[] m = plan.totals(TensorPlan.Kind.MATMUL);
    assertThat(q4km.weights().matmul() * m[1]).isCloseTo(m[0], within(1e-6));
    assertThatThrownBy(() -> FORMAT.facts(c, "Q3_K_L")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("Q4_K_M");
    assertThatThrownBy(() -> FORMAT.facts(Presets.get("bert-base-uncased"), "F16"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("gpt2, llama, qwen2");
  }

  @Test
  void llama3RopeFactorsKeepHighFrequenciesAndDivideLowOnesByTheFactor() throws Exception {
    float[] f = RopeFactors.llama3(Presets.get("llama-3.2-1b"));
    assertThat(f).hasSize(32);
    assertThat(f[0]).isEqualTo(1f);
    assertThat(f[31]).isEqualTo(32f);
    for (int i = 1; i < f.length; i++) assertThat(f[i]).isGreaterThanOrEqualTo(f[i - 1]);
    assertThat(TensorPlan.of(Presets.get("llama-3.2-1b"), GgufFileType.F16).get("rope_freqs.weight")).isNotNull();
  }

  private static TensorType type(TensorPlan plan, String name) {
    return plan.get(name).type();
  }
}
