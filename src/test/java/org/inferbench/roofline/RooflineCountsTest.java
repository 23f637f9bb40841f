package org.inferbench.roofline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.inferbench.core.ModelShape;
import org.inferbench.core.LogitPositions;
import org.inferbench.core.ModelFacts;
import org.inferbench.core.TensorType;
import org.inferbench.core.TransformerDims;
import org.inferbench.core.WeightBytes;
import org.junit.jupiter.api.Test;

/** The analytic counts equal the hand-computed figures of a small GPT-2-shaped model, written as literals. */
final class RooflineCountsTest {
  // GPT-2 shape: 2 layers, hidden 64, 4 heads (head_dim 16), FFN 256, vocab 1,000, 128 positions; fp32
  private static final TransformerDims GPT2 = TransformerDims.gpt2Like(2, 64, 4, 256, 1_000, 128);
  private static final ModelFacts GPT2_F32 = fp32(GPT2);

  static ModelFacts fp32(TransformerDims d) {
    return ModelFacts.uniform(d, TensorType.F32, LogitPositions.EVERY);
  }

  @Test
  void matMulWeightsAreTheLayersPlusLmHead() {
    // per layer: QKV 3·64·64 + out 64·64 + FFN 2·64·256 = 49,152; × 2 layers = 98,304; lm_head 1,000·64
    assertThat(RooflineCounts.layerMatMulWeights(GPT2)).isEqualTo(98_304L);
    assertThat(RooflineCounts.lmHeadWeights(GPT2)).isEqualTo(64_000L);
    assertThat(RooflineCounts.stepMatMulWeights(GPT2)).isEqualTo(162_304L);
  }

  @Test
  void biasesAndNormsCountEveryLayerAndTheFinalNorm() {
    // per layer: biases 192 + 64 + 256 + 64 = 576, two LayerNorms 2·128 = 256 → 832; × 2 + final LayerNorm 128
    assertThat(RooflineCounts.stepBiasAndNormParams(GPT2)).isEqualTo(1_792L);
  }

  @Test
  void weightBytesPerStepAddTheGatheredTokenAndPositionRows() {
    // 4 × (162,304 + 1,792 + 2 × 64)
    assertThat(RooflineCounts.weightBytesPerStep(GPT2_F32, 1)).isEqualTo(656_896L);
  }

  @Test
  void kvBytesPerStepGrowLinearlyWithContext() {
    // 2 × 2 layers × 1 × c × 4 heads × 16 × 4 bytes = 1,024·c
    assertThat(RooflineCounts.kvBytesPerStep(GPT2_F32, 1, 1)).isEqualTo(1_024L);
    assertThat(RooflineCounts.kvBytesPerStep(GPT2_F32, 1, 17)).isEqualTo(17_408L);
    assertThat(RooflineCounts.kvBytesPerStep(GPT2_F32, 1, 512)).isEqualTo(524_288L);
    assertThat(RooflineCounts.kvBytesPerStep(GPT2_F32, 3, 100)).isEqualTo(307_200L);
    assertThat(RooflineCounts.kvBytesPerStep(GPT2_F32, 1, 0)).isZero();
  }

  @Test
  void prefillFlopsAtSixteenTokens() {
    // 2 × 16 × 162,304 = 5,193,728 (lm_head on every position) + 4 × 2 × 16 × 16 × 64 = 131,072
    assertThat(RooflineCounts.prefillFlops(GPT2_F32, 1, 16)).isEqualTo(5_324_800L);
  }

  @Test
  void prefillWithLogitsOnlyForTheLastPositionRunsLmHeadOnce() {
    ModelFacts lastOnly = GPT2_F32.withLogits(LogitPositions.LAST);
    // 2 × 16 × 98,304 = 3,145,728 + 2 × 64,000 = 128,000 + 131,072
    assertThat(RooflineCounts.prefillFlops(lastOnly, 1, 16)).isEqualTo(3_404_800L);
  }

  @Test
  void decodeStepFlopsAtContextSeventeen() {
    // 2 × 162,304 = 324,608 + 4 × 2 × 17 × 64 = 8,704
    assertThat(RooflineCounts.decodeStepFlops(GPT2, 1, 17)).isEqualTo(333_312L);
    // batch 2 doubles both terms
    assertThat(RooflineCounts.decodeStepFlops(GPT2, 2, 17)).isEqualTo(666_624L);
  }

  @Test
  void encoderForwardIsPrefillWithoutLmHead() {
    TransformerDims bert = TransformerDims.bertLike(2, 64, 4, 256, 1_000, 128);
    // 2 × 16 × 98,304 = 3,145,728 + 131,072
    assertThat(RooflineCounts.encoderForwardFlops(bert, 1, 16)).isEqualTo(3_276_800L);
    assertThat(RooflineCounts.prefillFlops(fp32(bert), 1, 16)).isEqualTo(3_276_800L);
  }

  @Test
  void tiedWeightsCountOnceInTheParameters() {
    // embeddings 1,000·64 + 128·64 = 72,192; layers 98,304; biases and norms 1,792; lm_head tied
    assertThat(RooflineCounts.parameters(GPT2)).isEqualTo(172_288L);
    TransformerDims untied = new TransformerDims(2, 64, 4, 4, 16, 256, 1_000, 128, false, 0,
        ModelShape.DECODER, false, true, true);
    assertThat(RooflineCounts.parameters(untied)).isEqualTo(236_288L);
  }

  @Test
  void groupedQueryAttentionShrinksKeyValueProjectionsAndCache() {
    // LLaMA-like: hidden 64, 4 heads, 1 kv head (width 16), gated FFN 128, no biases, RMSNorm, rotary positions
    TransformerDims llama = new TransformerDims(2, 64, 4, 1, 16, 128, 1_000, 0, false, 0,
        ModelShape.DECODER, true, false, false);
    // per layer: q 4,096 + k,v 2·1,024 + o 4,096 + FFN 3·8,192 = 34,816; × 2 = 69,632
    assertThat(RooflineCounts.layerMatMulWeights(llama)).isEqualTo(69_632L);
    // per layer two RMSNorms 128, final 64 → 320; token row only (no learned positions)
    assertThat(RooflineCounts.stepBiasAndNormParams(llama)).isEqualTo(320L);
    assertThat(RooflineCounts.weightBytesPerStep(fp32(llama), 1)).isEqualTo(4L * (69_632 + 64_000 + 320 + 64));
    // 2 × 2 × c × 1 × 16 × 4 = 256·c
    assertThat(RooflineCounts.kvBytesPerStep(fp32(llama), 1, 10)).isEqualTo(2_560L);
  }

  @Test
  void t5AddsCrossAttentionOverTheEncoderLength() {
    // T5-like: 2 encoder + 2 decoder layers, hidden 64, 4 heads of 16, FFN 256, vocab 1,000
    TransformerDims t5 = TransformerDims.t5Like(2, 2, 64, 4, 16, 256, 1_000);
    // decoder layer at each step: self-attention 16,384 + cross q,o 8,192 + FFN 32,768 = 57,344; × 2 + lm_head
    assertThat(RooflineCounts.stepMatMulWeights(t5)).isEqualTo(178_688L);
    // step at decoder context 3 over 10 encoder positions: 2 × 178,688 + 4·2·3·64 + 4·2·10·64
    assertThat(RooflineCounts.decodeStepFlops(t5, 1, 3, 10)).isEqualTo(357_376L + 1_536L + 5_120L);
    assertThat(RooflineCounts.crossKvBytesPerStep(fp32(t5), 1, 10)).isEqualTo(10_240L);
    // TTFT over 10 tokens: encoder 2·10·2·49,152 + 4·2·100·64 = 1,966,080 + 51,200; cross K,V 2·10·2·8,192 =
    // 327,680; first decoder step at context 1 over 10 positions 357,376 + 512 + 5,120
    assertThat(RooflineCounts.prefillFlops(fp32(t5), 1, 10))
        .isEqualTo(1_966_080L + 51_200L + 327_680L + 357_376L + 512L + 5_120L);
  }

  @Test
  void blockFormatsCountTheirScalesAndEachKindItsOwnType() {
    // every tensor at Q4_K: 144 bytes per 256 weights; the same elements as the fp32 figure, 4 bytes each
    ModelFacts q4k = ModelFacts.uniform(GPT2, TensorType.Q4_K, LogitPositions.EVERY);
    assertThat(RooflineCounts.weightBytesPerStep(q4k, 1)).isEqualTo(Math.round(656_896 / 4.0 * 144 / 256));
    // Q8_0 projections with an F16 lm_head and F32 embedding rows, norms and biases:
    // 98,304 × 34/32 + 64,000 × 2 + 1,792 × 4 + 128 × 4
    ModelFacts mixed = new ModelFacts(GPT2, new WeightBytes(34 / 32.0, 2, 4, 4, "mixed"), LogitPositions.EVERY, 2);
    assertThat(RooflineCounts.weightBytesPerStep(mixed, 1)).isEqualTo(104_448L + 128_000L + 7_168L + 512L);
    // an f16 cache halves the fp32 one: 512·c
    assertThat(RooflineCounts.kvBytesPerStep(mixed, 1, 17)).isEqualTo(8_704L);
  }

  @Test
  void badDimensionsNameTheField() {
    assertThatThrownBy(() -> TransformerDims.gpt2Like(0, 64, 4, 256, 1_000, 128))
        .hasMessage("layers: expected > 0, got 0");
    assertThatThrownBy(() -> RooflineCounts.kvBytesPerStep(GPT2_F32, 0, 1)).hasMessage("batch: expected > 0, got 0");
  }
}
