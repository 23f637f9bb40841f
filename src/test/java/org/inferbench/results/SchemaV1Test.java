package org.inferbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Results written by schema 1 (committed from a real run of the release before roles: onnx with kv-cache on and
 * off, and the calibration engine) still load, keep their config_keys, and gain the roles their settings played.
 */
final class SchemaV1Test {
  static final Path V1_RESULTS = Path.of("src", "test", "resources", "compat", "results-v1.jsonl");

  @Test
  void schemaOneRecordsLoadAsTheCurrentSchemaWithRoles() throws Exception {
    LoadedResults loaded = ResultStore.read(V1_RESULTS);
    assertThat(loaded.errors()).isEmpty();
    assertThat(Files.readString(V1_RESULTS)).contains("\"schema_version\":1").doesNotContain("setting_roles");
    List<ResultRecord> r = loaded.records();
    assertThat(r).hasSize(3).allSatisfy(x -> assertThat(x.schemaVersion()).isEqualTo(ResultRecord.SCHEMA_VERSION));
    assertThat(r).extracting(x -> x.workload().engine()).containsExactly("onnx", "onnx", "calibration");
    assertThat(r.get(0).workload().settingRoles())
        .isEqualTo(Map.of("threads", "threads", "kv_cache", "kv-cache", "weight_type", "dtype"));
    assertThat(r).extracting(x -> x.workload().settingByRole("kv_cache")).containsExactly("on", "off", null);
    assertThat(r.get(2).workload().settingRoles()).isEqualTo(Map.of("run_seed", "jitter-seed"));
    // the key hashes what was measured, not the roles: a rerun today matches the old record
    for (ResultRecord x : r) assertThat(ConfigKey.of(x.workload())).isEqualTo(x.configKey());
  }

  @Test
  void anUpgradedRecordIsWrittenAsTheCurrentSchema() throws Exception {
    ResultRecord upgraded = ResultStore.read(V1_RESULTS).records().get(0);
    String line = Json.mapper().writeValueAsString(upgraded);
    assertThat(line).contains("\"schema_version\":" + ResultRecord.SCHEMA_VERSION, "\"setting_roles\"");
    assertThat(Json.mapper().writeValueAsString(ResultStore.parseLine(line))).isEqualTo(line);
  }
}
