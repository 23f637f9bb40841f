package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.inferbench.results.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep runs its whole grid: cells the model cannot take are recorded n/a, a run-time failure is recorded and
 * the rest go on (exit 3), each configuration in its own JVM, and the report is written at the end.
 */
final class SweepCommandTest {
  @TempDir
  Path dir;

  @Test
  void gridWithNotApplicableAndFailedCellsGoesOnAndReports() throws Exception {
    Path sweep = dir.resolve("sweep.yaml");
    Files.writeString(sweep, """
        # two grids over one results file
        model: s
        engine: calibration
        engine-opts:
          step-us: 300
          max-positions: 100
          fail-at-prompt: 40
        warmup: 0
        runs: 3
        grids:
          - prompt: [20, 40, 90]
            output: 20
          - engine-opts: {step-us: 300, max-positions: 100, shape: encoder}
            prompt: 64
        """);
    Path results = dir.resolve("r.jsonl");
    Path out = dir.resolve("report");
    CliRun dry = CliRun.of("sweep", sweep.toString(), "--results", results.toString(), "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("4 configurations").contains("n/a: prompt + output (90 + 20) exceeds");
    assertThat(results).doesNotExist();

    CliRun r = CliRun.of("sweep", sweep.toString(), "--results", results.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.SOME_FAILED);
    List<ResultRecord> records = ResultStore.read(results).records();
    assertThat(records).extracting(ResultRecord::status)
        .containsExactlyInAnyOrder(Status.OK, Status.FAILED, Status.NOT_APPLICABLE, Status.OK);
    assertThat(records).filteredOn(x -> x.ok()).allMatch(x -> "process".equals(x.workload().isolate()));
    assertThat(records).filteredOn(x -> x.status() == Status.FAILED).first()
        .satisfies(x -> assertThat(x.reason()).contains("configured to fail at prompt 40"));
    assertThat(out.resolve("report.html")).exists();
    assertThat(Files.readString(out.resolve("report.html"))).contains("n/a").contains("failed");

    // resume: only the failed cell (and the n/a one, which is never ok) are tried again
    CliRun again = CliRun.of("sweep", sweep.toString(), "--results", results.toString(), "--resume", "--no-report");
    assertThat(again.err()).contains("resume: 2 of 4 configurations already measured");
    assertThat(ResultStore.read(results).records()).hasSize(6);
  }
}
