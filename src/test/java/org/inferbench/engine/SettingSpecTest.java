package org.inferbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings are checked against what the engine declares, with one-line errors naming the key. */
final class SettingSpecTest {
  private static final List<SettingSpec> SPECS = List.of(
      SettingSpec.choice("kv-cache", "cache", "on", "on", "off"),
      SettingSpec.integer("threads", "threads", "0"),
      SettingSpec.bool("allow-spinning", "spin", "true"));

  @Test
  void defaultsAreFilledAndValuesCanonical() {
    EngineSettings s = EngineSettings.resolve("e", SPECS, Map.of("kv-cache", "OFF", "allow-spinning", "no"));
    assertThat(s.values()).containsEntry("kv-cache", "off").containsEntry("threads", "0")
        .containsEntry("allow-spinning", "false");
  }

  @Test
  void yamlBooleansOfUnquotedOnOffMeanOnOff() {
    // YAML 1.1 turns `kv-cache: off` into false before we see it
    assertThat(EngineSettings.resolve("e", SPECS, Map.of("kv-cache", "false")).get("kv-cache")).isEqualTo("off");
    assertThat(EngineSettings.resolve("e", SPECS, Map.of("kv-cache", "true")).get("kv-cache")).isEqualTo("on");
  }

  @Test
  void unknownKeysAndBadValuesNameTheKey() {
    assertThatThrownBy(() -> EngineSettings.resolve("e", SPECS, Map.of("thread", "2")))
        .hasMessage("--engine-opt thread: engine 'e' has no such setting (it has: kv-cache, threads, allow-spinning)");
    assertThatThrownBy(() -> EngineSettings.resolve("e", SPECS, Map.of("threads", "-1")))
        .hasMessage("threads: expected a non-negative integer, got '-1'");
    assertThatThrownBy(() -> EngineSettings.resolve("e", SPECS, Map.of("kv-cache", "maybe")))
        .hasMessage("kv-cache: expected one of on|off, got 'maybe'");
  }
}
