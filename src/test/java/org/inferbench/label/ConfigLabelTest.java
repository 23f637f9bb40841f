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
}
