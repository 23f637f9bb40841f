package org.inferbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The config_key changes with what is measured and only with that; the fingerprint changes with the hardware and
 * OS name, not with versions.
 */
final class ConfigKeyTest {
  private static WorkloadRecord base() {
    return Fixtures.workload("m", 1, 32, 16, Map.of("threads", "2", "graph_opt", "all"));
  }

  private static WorkloadRecord with(WorkloadRecord w, Map<String, String> settings, int batch, String promptSource,
      long seed, Integer runs, String order) {
    return new WorkloadRecord(w.model(), w.modelConfigHash(), w.modelOptions(), w.dtype(), w.engine(), settings,
        w.shape(), batch, w.prompt(), w.output(), promptSource, w.includeTokenization(), w.warmup(), runs,
        w.targetCi(), w.minRuns(), w.maxRuns(), w.maxTimeS(), w.headline(), seed, order, w.isolate(), w.settingRoles(), null,
        null, null);
  }

  @Test
  void isSixteenHexCharsAndIgnoresMapOrder() {
    WorkloadRecord w = base();
    assertThat(ConfigKey.of(w)).matches("[0-9a-f]{16}");
    Map<String, String> reversed = new LinkedHashMap<>();
    reversed.put("threads", "2");
    reversed.put("graph_opt", "all");
    assertThat(ConfigKey.of(with(w, reversed, 1, w.promptSource(), w.seed(), w.runs(), w.order())))
        .isEqualTo(ConfigKey.of(w));
  }

  @Test
  void changesWithWhatIsMeasured() {
    WorkloadRecord w = base();
    String key = ConfigKey.of(w);
    assertThat(ConfigKey.of(with(w, Map.of("threads", "1", "graph_opt", "all"), 1, w.promptSource(), 42, 10,
        "sequential"))).isNotEqualTo(key);
    assertThat(ConfigKey.of(with(w, w.engineSettings(), 2, w.promptSource(), 42, 10, "sequential")))
        .isNotEqualTo(key);
    assertThat(ConfigKey.of(with(w, w.engineSettings(), 1, "random:seed=7", 7, 10, "sequential")))
        .isNotEqualTo(key);
  }

  @Test
  void ignoresHowOftenAndInWhichOrder() {
    WorkloadRecord w = base();
    String key = ConfigKey.of(w);
    assertThat(ConfigKey.of(with(w, w.engineSettings(), 1, w.promptSource(), 42, 50, "interleaved")))
        .isEqualTo(key);
    // a seed that does not shape the prompts (text prompt) leaves the key alone
    WorkloadRecord text = with(w, w.engineSettings(), 1, "text:1a2b", 42, 10, "sequential");
    assertThat(ConfigKey.of(with(w, w.engineSettings(), 1, "text:1a2b", 7, 10, "shuffled")))
        .isEqualTo(ConfigKey.of(text));
  }

  @Test
  void howTheLengthsVaryIsKeyedOnlyWhereSetAndAFileByItsContent() {
    WorkloadRecord w = base();
    String key = ConfigKey.of(w);
    assertThat(ConfigKey.of(lengths(w, null, null))).isEqualTo(key); // unset: the key of schema 3 and before
    String uniform = ConfigKey.of(lengths(w, "uniform:0.25", null));
    assertThat(uniform).isNotEqualTo(key).isNotEqualTo(ConfigKey.of(lengths(w, "uniform:0.5", null)))
        .isNotEqualTo(ConfigKey.of(lengths(w, "normal:0.25", null)));
    RequestFileRecord a = new RequestFileRecord("chat.jsonl", "ab".repeat(32), 100);
    String file = ConfigKey.of(lengths(w, null, a));
    assertThat(file).isNotEqualTo(key);
    assertThat(ConfigKey.of(lengths(w, null, new RequestFileRecord("renamed.jsonl", "ab".repeat(32), 100))))
        .isEqualTo(file);
    assertThat(ConfigKey.of(lengths(w, null, new RequestFileRecord("chat.jsonl", "cd".repeat(32), 100))))
        .isNotEqualTo(file);
  }

  private static WorkloadRecord lengths(WorkloadRecord w, String dist, RequestFileRecord file) {
    return new WorkloadRecord(w.model(), w.modelConfigHash(), w.modelOptions(), w.dtype(), w.engine(),
        w.engineSettings(), w.shape(), w.batch(), w.prompt(), w.output(), w.promptSource(), w.includeTokenization(),
        w.warmup(), w.runs(), w.targetCi(), w.minRuns(), w.maxRuns(), w.maxTimeS(), w.headline(), w.seed(), w.order(),
        w.isolate(), w.settingRoles(), w.load(), dist, file);
  }

  @Test
  void fingerprintHashesHardwareAndOsNameOnly() {
    EnvironmentRecord e = Fixtures.environment();
    String fp = EnvFingerprint.of(e);
    assertThat(fp).matches("[0-9a-f]{16}");
    EnvironmentRecord upgraded = new EnvironmentRecord(e.cpuModel(), e.cores(), List.of(), e.memoryMb() + 3, e.os(),
        "6.9.1", "21.0.5", "0.2.0", "def5678", "onnx", "1.21.0", Map.of(), "powersave", Map.of());
    assertThat(EnvFingerprint.of(upgraded)).isEqualTo(fp);
    EnvironmentRecord bigger = new EnvironmentRecord(e.cpuModel(), 4, e.cpuFlags(), e.memoryMb(), e.os(),
        e.kernel(), e.jvm(), e.toolVersion(), e.gitCommit(), e.engine(), e.engineVersion(), e.engineSettings(),
        e.cpuGovernor(), e.extra());
    assertThat(EnvFingerprint.of(bigger)).isNotEqualTo(fp);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> ConfigKey.of(null)).hasMessageContaining("config_key");
    assertThatThrownBy(() -> EnvFingerprint.of(null)).hasMessageContaining("env_fingerprint");
  }
}
