package org.inferbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records written with schema 3 (before per-request lengths: a calibration run and a serving run under load) load as
 * the current schema without lengths, and keep their config_key: a rerun of the same configuration today still
 * matches them (for --resume and the baseline gate).
 */
final class SchemaV3Test {
  static final Path V3_RESULTS = Path.of("src", "test", "resources", "compat", "results-v3.jsonl");

  @Test
  void schemaThreeRecordsLoadAsTheCurrentSchemaWithTheirKeys() throws Exception {
    assertThat(Files.readString(V3_RESULTS)).contains("\"schema_version\":3").doesNotContain("length_dist")
        .doesNotContain("request_file").doesNotContain("request_tokens");
    LoadedResults loaded = ResultStore.read(V3_RESULTS);
    assertThat(loaded.errors()).isEmpty();
    List<ResultRecord> r = loaded.records();
    assertThat(r).hasSize(2).allSatisfy(x -> {
      assertThat(x.schemaVersion()).isEqualTo(ResultRecord.SCHEMA_VERSION);
      assertThat(x.workload().lengthDist()).isNull();
      assertThat(x.workload().requestFile()).isNull();
      assertThat(x.requestTokens()).isNull();
      assertThat(ConfigKey.of(x.workload())).isEqualTo(x.configKey());
    });
    assertThat(r).extracting(x -> x.workload().load()).containsExactly(null, "c2");
    for (ResultRecord x : r) {
      String line = Json.mapper().writeValueAsString(x);
      assertThat(Json.mapper().writeValueAsString(ResultStore.parseLine(line))).isEqualTo(line);
    }
  }
}
