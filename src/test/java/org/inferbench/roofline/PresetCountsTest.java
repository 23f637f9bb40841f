package org.inferbench.roofline;

import static org.assertj.core.api.Assertions.assertThat;

import org.inferbench.core.ModelFacts;
import org.inferbench.core.ModelShape;
import org.inferbench.core.TransformerDims;
import org.inferbench.model.HfConfig;
import org.inferbench.model.Presets;
import org.junit.jupiter.api.Test;

/**
 * Dimensions read from the presets reproduce the model package's own parameter counts (computed there
 * independently), apart from the parts the roofline leaves out on purpose.
 */
final class PresetCountsTest {
  @Test
  void gpt2MatchesThePublishedParameterCount() throws Exception {
    HfConfig gpt2 = Presets.get("gpt2");
    TransformerDims d = gpt2.dims();
    ModelFacts f = RooflineCountsTest.fp32(d);
    assertThat(RooflineCounts.parameters(d)).isEqualTo(124_439_808L).isEqualTo(gpt2.parameterCount());
    // weights read per step: 124,439,808 parameters less the position table and the tied embedding, plus lm_head
    // (= the embedding, read in full) and the two gathered rows
    long perStep = 124_439_808L - 1_024L * 768 + 2 * 768;
    assertThat(RooflineCounts.weightBytesPerStep(f, 1)).isEqualTo(4 * perStep);
    // KV: 2 × 12 × 768 × 4 bytes = 73,728 per token of context
    assertThat(RooflineCounts.kvBytesPerStep(f, 1, 1)).isEqualTo(73_728L);
  }

  @Test
  void encodersAndT5FollowTheirLayouts() throws Exception {
    for (String name : Presets.names()) {
      HfConfig c = Presets.get(name);
      TransformerDims d = c.dims();
      assertThat(d.shape()).as(name).isEqualTo(c.architecture().shape());
      long expected = c.parameterCount();
      if (c.architecture().llamaLike() && c.architecture() != org.inferbench.model.Architecture.LLAMA) {
        // q/k norms, qkv biases, Gemma's extra norms, sinks and expert biases are left out of the roofline: small
        long left = c.parameterCount() - RooflineCounts.parameters(d);
        assertThat(left).as(name).isNotNegative().isLessThan(c.parameterCount() / 1000);
        continue;
      }
      long difference = switch (c.architecture()) {
        case GPT2, MODERNBERT, LLAMA -> 0;
        // the roofline leaves out token-type embeddings and the pooler (not in the graph)
        case BERT -> (long) c.typeVocabSize() * c.hidden() + (long) c.hidden() * c.hidden() + c.hidden();
        // ... and T5's relative position biases (buckets × heads per stack)
        case T5 -> 2L * c.relativeBuckets() * c.heads();
        default -> throw new AssertionError(name);
      };
      assertThat(RooflineCounts.parameters(d)).as(name).isEqualTo(expected - difference);
    }
  }

  @Test
  void t5IsAnEncoderDecoder() throws Exception {
    TransformerDims d = Presets.get("t5-small").dims();
    assertThat(d.shape()).isEqualTo(ModelShape.ENCODER_DECODER);
    assertThat(d.encoderLayers()).isEqualTo(6);
  }
}
