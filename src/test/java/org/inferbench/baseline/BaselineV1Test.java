package org.inferbench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A baseline saved by the schema-1 release loads, and checking its own run against it finds nothing changed. */
final class BaselineV1Test {
  @Test
  void schemaOneBaselineLoadsAndChecks(@TempDir Path dir) throws Exception {
    Path committed = Path.of("src", "test", "resources", "compat", "baseline-v1.jsonl");
    assertThat(Files.readString(committed)).contains("\"schema_version\":1");
    Files.copy(committed, dir.resolve("v1.jsonl"));
    List<ResultRecord> baseline = new BaselineStore(dir).load("v1");
    assertThat(baseline).hasSize(3);
    List<ResultRecord> current = ResultStore.read(Path.of("src", "test", "resources", "compat", "results-v1.jsonl"))
        .records();
    BaselineComparison c = BaselineCheck.check(baseline, current, 5.0, false);
    assertThat(c.count(BaselineRow.Verdict.MISSING)).isZero();
    assertThat(c.count(BaselineRow.Verdict.REGRESSED)).isZero();
    assertThat(c.count(BaselineRow.Verdict.UNCHANGED)).isEqualTo(3);
  }
}
