package org.inferbench.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtSession.SessionOptions;
import java.util.Map;
import org.inferbench.engine.EngineSettings;
import org.junit.jupiter.api.Test;

/** Every onnx setting is declared, checked, carried into ORT's session options, and recorded with ORT's defaults. */
final class OnnxSettingsTest {
  static OnnxSettings settings(Map<String, String> given) {
    return OnnxSettings.from(EngineSettings.resolve("onnx", OnnxSettings.SPECS, given));
  }

  @Test
  void defaultsAreRecordedWithWhatTheyMean() {
    Map<String, String> e = settings(Map.of()).effective("merged");
    assertThat(e.get("threads")).startsWith("0 (ORT default: physical cores = ");
    assertThat(e).containsEntry("graph-opt", "all").containsEntry("kv-cache", "on").containsEntry("device", "cpu")
        .containsEntry("dtype", "fp32").containsEntry("layout", "merged").containsEntry("allow-spinning", "true")
        .containsEntry("execution-mode", "sequential").containsEntry("ort-version", "1.20.0");
    assertThat(e.keySet()).containsAll(OnnxSettings.SPECS.stream().map(s -> s.key()).toList());
  }

  @Test
  void spinningGoesIntoTheSessionConfig() throws Exception {
    try (SessionOptions o = settings(Map.of("allow-spinning", "false", "threads", "3")).sessionOptions()) {
      assertThat(o.getConfigEntries()).containsEntry("session.intra_op.allow_spinning", "0");
    }
    try (SessionOptions o = settings(Map.of()).sessionOptions()) {
      assertThat(o.getConfigEntries()).containsEntry("session.intra_op.allow_spinning", "1");
    }
    assertThat(settings(Map.of("kv-cache", "off", "graph-opt", "basic")).kvCache()).isFalse();
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> settings(Map.of("graph-opt", "max")))
        .hasMessageContaining("graph-opt").hasMessageContaining("disable|basic|extended|all");
    assertThatThrownBy(() -> settings(Map.of("dtype", "bf16"))).hasMessageContaining("dtype");
    assertThatThrownBy(() -> settings(Map.of("threads", "-1"))).hasMessageContaining("threads");
  }
}
