package org.inferbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.inferbench.core.LogitPositions;
import org.inferbench.core.ModelFacts;
import org.inferbench.core.ModelShape;
import org.inferbench.core.TensorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configs parse, round-trip, count parameters like the published models, and overrides make a different model. */
final class HfConfigTest {
  @TempDir Path dir;

  /**
   * Parameter counts as published on each model's card or by summing the released checkpoint's tensors (llama-tiny is
   * InferBench's own test config: its count is computed by hand).
   */
  private static final Map<String, Long> PUBLISHED = Map.ofEntries(
      Map.entry("gpt2", 124_439_808L),
      Map.entry("gpt2-medium", 354_823_168L),
      Map.entry("gpt2-large", 774_030_080L),
      Map.entry("distilgpt2", 82_000_000L),
      Map.entry("bert-base-uncased", 109_482_240L),
      Map.entry("bert-large-uncased", 335_141_888L),
      Map.entry("all-MiniLM-L6-v2", 22_700_000L),
      Map.entry("modernbert-base", 149_000_000L),
      Map.entry("t5-small", 60_506_624L),
      Map.entry("t5-base", 222_903_552L),
      Map.entry("smollm2-135m", 135_000_000L),
      Map.entry("tinyllama-1.1b", 1_100_000_000L),
      Map.entry("llama-3.2-1b", 1_235_814_400L),
      Map.entry("llama-tiny", 1_443_072L),
      // the 2026 families, as their cards round them (Qwen3 cards: "0.6B", "1.7B", "4.0B", "30.5B"), so checked
      // against the card's last digit below rather than 1 %
      Map.entry("qwen2.5-0.5b", 494_032_768L),
      Map.entry("qwen2.5-1.5b", 1_543_714_304L),
      Map.entry("qwen3-0.6b", 600_000_000L),
      Map.entry("qwen3-1.7b", 1_700_000_000L),
      Map.entry("qwen3-4b", 4_000_000_000L),
      Map.entry("qwen3-30b-a3b", 30_500_000_000L),
      Map.entry("gemma3-1b", 999_885_952L),
      Map.entry("gemma3-4b", 3_880_000_000L),
      Map.entry("phi-4-mini", 3_800_000_000L),
      Map.entry("olmoe-1b-7b", 6_900_000_000L),
      Map.entry("gpt-oss-20b", 20_900_000_000L));
  /** The precision a card states a count to: "1.7B" is 1.7 ± 0.05 billion. */
  private static final Map<String, Long> CARD_ROUNDING = Map.of("qwen3-0.6b", 50_000_000L, "qwen3-1.7b",
      50_000_000L, "qwen3-4b", 50_000_000L, "qwen3-30b-a3b", 50_000_000L, "gemma3-4b", 50_000_000L, "phi-4-mini",
      50_000_000L, "olmoe-1b-7b", 50_000_000L, "gpt-oss-20b", 50_000_000L);

  @Test
  void everyPresetHasItsPublishedParameterCount() throws Exception {
    assertThat(Presets.names()).containsExactlyInAnyOrderElementsOf(PUBLISHED.keySet());
    for (String name : Presets.names()) {
      long count = Presets.get(name).parameterCount();
      double tolerance = CARD_ROUNDING.containsKey(name) ? CARD_ROUNDING.get(name) : PUBLISHED.get(name) * 0.01;
      assertThat((double) count).as(name).isCloseTo(PUBLISHED.get(name), within(tolerance));
    }
    assertThat(Presets.get("gpt2").parameterCount()).isEqualTo(124_439_808L);
    assertThat(Presets.get("t5-small").parameterCount()).isEqualTo(60_506_624L);
  }

  /**
   * Active parameters as the cards state them: Qwen3-30B-A3B "3.3B activated", OLMoE "1.3B active", gpt-oss-20b
   * "3.6B active" (which leaves out the 0.58B input embedding, a lookup; InferBench counts it, as the others do).
   */
  @Test
  void mixtureOfExpertsActiveParametersMatchTheCards() throws Exception {
    // 3.353e9 here: the card's "3.3B" truncates rather than rounds (its 30.5B total matches to the digit)
    assertThat((double) Presets.get("qwen3-30b-a3b").activeParameterCount()).isCloseTo(3.3e9, within(0.06e9));
    assertThat((double) Presets.get("olmoe-1b-7b").activeParameterCount()).isCloseTo(1.3e9, within(0.05e9));
    HfConfig oss = Presets.get("gpt-oss-20b");
    assertThat((double) oss.activeParameterCount() - (double) oss.vocabSize() * oss.hidden())
        .isCloseTo(3.6e9, within(0.05e9));
    assertThat(Presets.get("qwen3-4b").activeParameterCount()).isEqualTo(Presets.get("qwen3-4b").parameterCount());
  }

  @Test
  void presetShapesAndAccessors() throws Exception {
    HfConfig t5 = Presets.get("t5-small");
    assertThat(t5.architecture().shape()).isEqualTo(ModelShape.ENCODER_DECODER);
    assertThat(t5.layers()).isEqualTo(6);
    assertThat(t5.headDim()).isEqualTo(64);
    HfConfig mb = Presets.get("modernbert-base");
    assertThat(mb.localAttention()).isEqualTo(128);
    assertThat(mb.globalAttentionEvery()).isEqualTo(3);
    assertThat(Presets.get("all-MiniLM-L6-v2").hidden()).isEqualTo(384);
    assertThat(Presets.get("gpt2-large").ffn()).isEqualTo(4 * 1280);
    assertThat(Presets.find("gpt3")).isEmpty();
    // gpt2: 2 x 12 layers x 12 heads x 64 x 4 bytes = 73,728 bytes per token
    ModelFacts gpt2 = ModelFacts.uniform(Presets.get("gpt2").dims(), TensorType.F32, LogitPositions.EVERY);
    assertThat(gpt2.kvBytesPerToken() * 2 * 10).isEqualTo(73_728.0 * 20);
    assertThatThrownBy(() -> Presets.get("gpt3")).hasMessageContaining("gpt2-medium").hasMessageNotContaining("\n");
  }

  @Test
  void roundTripsThroughAFile() throws Exception {
    HfConfig c = Presets.get("bert-base-uncased");
    Path f = dir.resolve("config.json");
    c.write(f);
    HfConfig back = HfConfig.read(f);
    assertThat(back).isEqualTo(c);
    assertThat(back.configHash()).isEqualTo(c.configHash());
    assertThat(back.tree().get("transformers_version").asText()).isEqualTo("4.6.0.dev0");
  }

  @Test
  void overridesChangeTheModelAndItsHash() throws Exception {
    HfConfig c = Presets.get("gpt2");
    HfConfig fewer = c.withOverrides(Map.of("n_layer", "2", "layer_norm_epsilon", "1e-6"));
    assertThat(fewer.layers()).isEqualTo(2);
    assertThat(fewer.eps()).isEqualTo(1e-6);
    assertThat(fewer.configHash()).isNotEqualTo(c.configHash());
    assertThat(c.withOverrides(Map.of("n_layer", "12")).configHash()).isEqualTo(c.configHash());
    assertThat(fewer.summary()).containsEntry("layers", 2).containsKey("config_hash");
    // an optional field absent from the published config may still be set
    assertThat(c.withOverrides(Map.of("n_inner", "1000")).ffn()).isEqualTo(1000);
  }

  @Test
  void badOverridesNameTheKeyOnOneLine() throws Exception {
    HfConfig c = Presets.get("gpt2");
    assertThatThrownBy(() -> c.withOverrides(Map.of("n_layers", "2"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n_layers").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> c.withOverrides(Map.of("n_layer", "two"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n_layer").hasMessageContaining("integer");
    assertThatThrownBy(() -> c.withOverrides(Map.of("n_head", "5"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple");
    // the writer has one activation per family; another is refused rather than silently ignored
    assertThatThrownBy(() -> c.withOverrides(Map.of("activation_function", "relu")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("activation_function")
        .hasMessageContaining("gelu_new");
  }

  @Test
  void unknownModelTypeListsKnownOnes() throws Exception {
    Path f = dir.resolve("config.json");
    java.nio.file.Files.writeString(f, "{\"model_type\": \"mistral\", \"hidden_size\": 8}");
    assertThatThrownBy(() -> HfConfig.read(f)).isInstanceOf(org.inferbench.core.BadInputException.class)
        .hasMessageContaining("mistral").hasMessageContaining("gpt2, bert, modernbert, t5, llama")
        .hasMessageNotContaining("\n");
  }
}
