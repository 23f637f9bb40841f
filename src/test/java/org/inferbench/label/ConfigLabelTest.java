package org.inferbench.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One label for a configuration, wherever it is shown. */
final class ConfigLabelTest {
  @Test
  void everyParameterInTheLabelsOrder() {
    Map<String, String> p = ConfigLabel.parameters("gpt2", "onnx", 1, 128, 64, Map.of("threads", "2",
        "graph-opt", "all"));
    assertThat(ConfigLabel.of(p)).isEqualTo("gpt2 onnx b1 p128 o64 graph-opt=all threads=2");
  }

  @Test
  void onlyWhatTellsConfigurationsApartAndNoOutputForAnEncoder() {
    Map<String, String> p = ConfigLabel.parameters("bert", "onnx", 4, 256, 0, Map.of("threads", "2"));
    assertThat(ConfigLabel.of(p, List.of("prompt", "output", "threads"))).isEqualTo("bert p256 threads=2");
    assertThat(ConfigLabel.of(ConfigLabel.parameters("t5", null, 1, 32, 8, null))).isEqualTo("t5 b1 p32 o8");
  }

  @Test
  void aModelsNameOnceAndItsOptionsShort() {
    Map<String, String> labelled = new java.util.LinkedHashMap<>(ConfigLabel.parameters("gpt2-medium (2048 positions)",
        null, 1, 128, 50, null));
    labelled.put("model.n_positions", "2048");
    // the user's label already says what the option does: not repeated
    assertThat(ConfigLabel.of(labelled, List.of("model", "output", "model.n_positions")))
        .isEqualTo("gpt2-medium (2048 positions) o50");
    // a default label is shown short, its options once
    String defaultLabel = ConfigLabel.modelLabel("gpt2-medium", Map.of("n_positions", "2048", "n_layer", "2"));
    assertThat(defaultLabel).isEqualTo("gpt2-medium[n_layer=2,n_positions=2048]");
    Map<String, String> unlabelled = new java.util.LinkedHashMap<>(ConfigLabel.parameters(defaultLabel, null, 1, 128,
        50, null));
    unlabelled.put("model.n_positions", "2048");
    assertThat(ConfigLabel.of(unlabelled, List.of("model", "output", "model.n_positions")))
        .isEqualTo("gpt2-medium n_layer=2 n_positions=2048 o50");
    // one name over two option sets: the options are what tells them apart
    assertThat(ConfigLabel.of(labelled, List.of("model.n_positions"))).isEqualTo("gpt2-medium (2048 positions) "
        + "n_positions=2048");
    assertThat(ConfigLabel.of(ConfigLabel.parameters("odd[label]", null, 1, 8, 0, null))).isEqualTo("odd[label] b1 p8");
  }
}
