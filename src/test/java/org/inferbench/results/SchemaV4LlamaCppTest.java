package org.inferbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A record written with schema 4 by the retired JNI llamacpp engine (de.kherud:llama 4.2.0, llama.cpp b4916; written
 * by that release's jar on a tiny GGUF file) loads as the current schema without an engine build, keeps its
 * config_key, and still says which llama.cpp it ran in its engine version.
 */
final class SchemaV4LlamaCppTest {
  static final Path V4_RESULTS = Path.of("src", "test", "resources", "compat", "results-v4-llamacpp.jsonl");

  @Test
  void schemaFourLlamaCppRecordsLoadWithTheirKeys() throws Exception {
    assertThat(Files.readString(V4_RESULTS)).contains("\"schema_version\":4").doesNotContain("engine_build");
    LoadedResults loaded = ResultStore.read(V4_RESULTS);
    assertThat(loaded.errors()).isEmpty();
    List<ResultRecord> r = loaded.records();
    assertThat(r).hasSize(1).allSatisfy(x -> {
      assertThat(x.schemaVersion()).isEqualTo(ResultRecord.SCHEMA_VERSION);
      assertThat(x.workload().engine()).isEqualTo("llamacpp");
      assertThat(x.workload().engineBuild()).isNull();
      assertThat(ConfigKey.of(x.workload())).isEqualTo(x.configKey());
      assertThat(x.environment().engineVersion()).contains("de.kherud:llama 4.2.0", "b4916");
    });
    for (ResultRecord x : r) {
      String line = Json.mapper().writeValueAsString(x);
      assertThat(Json.mapper().writeValueAsString(ResultStore.parseLine(line))).isEqualTo(line);
    }
  }

  /** The build is keyed where set: the same configuration on two llama.cpp commits has two keys. */
  @Test
  void anEngineBuildChangesTheKeyOnlyWhereSet() throws Exception {
    WorkloadRecord old = ResultStore.read(V4_RESULTS).records().get(0).workload();
    WorkloadRecord a = withBuild(old, "llama.cpp de3ff81 (0.5.0-dev)");
    WorkloadRecord b = withBuild(old, "llama.cpp 0ad4a86 (0.5.0-dev)");
    assertThat(ConfigKey.of(withBuild(old, null))).isEqualTo(ConfigKey.of(old));
    assertThat(ConfigKey.of(a)).isNotEqualTo(ConfigKey.of(old)).isNotEqualTo(ConfigKey.of(b));
  }

  private static WorkloadRecord withBuild(WorkloadRecord w, String build) {
    return new WorkloadRecord(w.model(), w.modelConfigHash(), w.modelOptions(), w.dtype(), w.engine(),
        w.engineSettings(), w.shape(), w.batch(), w.prompt(), w.output(), w.promptSource(), w.includeTokenization(),
        w.warmup(), w.runs(), w.targetCi(), w.minRuns(), w.maxRuns(), w.maxTimeS(), w.headline(), w.seed(), w.order(),
        w.isolate(), w.settingRoles(), w.load(), w.lengthDist(), w.requestFile(), build, null);
  }
}
