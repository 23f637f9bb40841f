package org.inferbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records written with schema 2 (before the load axis) load as the current schema, without a load, and keep their
 * config_key: a rerun of the same configuration today still matches them (for --resume and the baseline gate).
 */
final class SchemaV2Test {
  static final Path V2_RESULTS = Path.of("src", "test", "resources", "compat", "results-v2.jsonl");

  @Test
  void schemaTwoRecordsLoadAsTheCurrentSchemaWithTheirKeys() throws Exception {
    assertThat(Files.readString(V2_RESULTS)).contains("\"schema_version\":2").doesNotContain("\"load\"");
    LoadedResults loaded = ResultStore.read(V2_RESULTS);
    assertThat(loaded.errors()).isEmpty();
    List<ResultRecord> r = loaded.records();
    assertThat(r).hasSize(2).allSatisfy(x -> {
      assertThat(x.schemaVersion()).isEqualTo(ResultRecord.SCHEMA_VERSION);
      assertThat(x.workload().load()).isNull();
      assertThat(ConfigKey.of(x.workload())).isEqualTo(x.configKey());
    });
    String line = Json.mapper().writeValueAsString(r.get(0));
    assertThat(Json.mapper().writeValueAsString(ResultStore.parseLine(line))).isEqualTo(line);
  }
}
