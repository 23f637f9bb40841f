package org.inferbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records written with schema 4 (before forks: a CI within one process) load as the current schema without levels,
 * keep their config_key (a rerun today still matches them, for --resume and the baseline gate) and their CIs as
 * they were measured.
 */
final class SchemaV4Test {
  static final Path V4_RESULTS = Path.of("src", "test", "resources", "compat", "results-v4.jsonl");

  @Test
  void schemaFourRecordsLoadAsTheCurrentSchemaWithTheirKeys() throws Exception {
    assertThat(Files.readString(V4_RESULTS)).contains("\"schema_version\":4").doesNotContain("\"levels\"");
    LoadedResults loaded = ResultStore.read(V4_RESULTS);
    assertThat(loaded.errors()).isEmpty();
    List<ResultRecord> r = loaded.records();
    assertThat(r).hasSize(3).allSatisfy(x -> {
      assertThat(x.schemaVersion()).isEqualTo(ResultRecord.SCHEMA_VERSION);
      assertThat(x.levels()).isNull();
      assertThat(ConfigKey.of(x.workload())).isEqualTo(x.configKey());
      assertThat(x.stats(Metric.E2E).meanCiLow()).isLessThan(x.stats(Metric.E2E).meanCiHigh());
    });
    // two reruns of one configuration share their key, the other setting has its own
    assertThat(r).extracting(ResultRecord::configKey).containsExactly(r.get(0).configKey(), r.get(1).configKey(),
        r.get(0).configKey());
    assertThat(r.get(1).configKey()).isNotEqualTo(r.get(0).configKey());
    for (ResultRecord x : r) {
      String line = Json.mapper().writeValueAsString(x);
      assertThat(Json.mapper().writeValueAsString(ResultStore.parseLine(line))).isEqualTo(line);
    }
  }
}
