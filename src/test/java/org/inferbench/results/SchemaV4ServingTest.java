package org.inferbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records written with schema 4 (before the prompt salt: a calibration run and a serving run against the
 * ground-truth server at c2, written by InferBench at that version) load as the current schema without a salt and
 * keep their config_key, so --resume and the baseline gate still match today's reruns of them.
 */
final class SchemaV4ServingTest {
  static final Path V4_RESULTS = Path.of("src", "test", "resources", "compat", "results-v4-serving.jsonl");

  @Test
  void schemaFourRecordsLoadAsTheCurrentSchemaWithTheirKeys() throws Exception {
    assertThat(Files.readString(V4_RESULTS)).contains("\"schema_version\":4").doesNotContain("prompt_salt");
    LoadedResults loaded = ResultStore.read(V4_RESULTS);
    assertThat(loaded.errors()).isEmpty();
    List<ResultRecord> r = loaded.records();
    assertThat(r).hasSize(2).allSatisfy(x -> {
      assertThat(x.schemaVersion()).isEqualTo(ResultRecord.SCHEMA_VERSION);
      assertThat(x.workload().promptSalt()).isNull();
      assertThat(ConfigKey.of(x.workload())).isEqualTo(x.configKey());
    });
    assertThat(r).extracting(x -> x.workload().engine()).containsExactly("calibration", "openai");
    assertThat(r).extracting(x -> x.workload().load()).containsExactly(null, "c2");
    for (ResultRecord x : r) {
      String line = Json.mapper().writeValueAsString(x);
      assertThat(Json.mapper().writeValueAsString(ResultStore.parseLine(line))).isEqualTo(line);
    }
  }
}
