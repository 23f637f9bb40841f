package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.inferbench.baseline.BaselineStore;
import org.inferbench.results.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reruns of one configuration in forks: `coverage` counts, per metric, the runs whose CI held the others' mean (one
 * line per metric, exit 0), refuses a file without three reruns (exit 2), and `baseline save --history` keeps the
 * earlier runs the gate then judges against.
 */
final class CoverageCommandTest {
  @TempDir
  Path dir;

  @Test
  void rerunsInForksAreCountedAndKeptAsTheBaselinesHistory() throws Exception {
    Path results = dir.resolve("r.jsonl");
    for (int i = 0; i < 3; i++) {
      CliRun r = CliRun.of("run", "--isolate", "none", "--engine", "calibration", "--model", "cov", "--prompt", "4",
          "--output", "3", "--engine-opt", "step-us=200", "--engine-opt", "fork-noise=0.05", "--runs", "6",
          "--forks", "3", "--warmup", "0", "--results", results.toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("E2E mean ± CI", "E2E mean ± CI: 95 %, Student's t over the round means");
    }
    CliRun c = CliRun.of("coverage", results.toString());
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.out()).contains("cov calibration b1 p4 o3").containsPattern("e2e +│ +3 +│ +[0-3] / 3")
        .contains("tpot", "ttft", "CI holds others");

    Path baselines = dir.resolve("baselines");
    assertThat(CliRun.of("baseline", "save", "b", results.toString(), "--dir", baselines.toString(), "--history",
        "5").code()).isZero();
    assertThat(new BaselineStore(baselines).load("b")).hasSize(3);
    CliRun check = CliRun.of("baseline", "check", "b", results.toString(), "--dir", baselines.toString());
    assertThat(check.out()).contains("judged across runs: 3 + 3 forks, the spread of 3 baseline runs, Welch t");

    Path one = dir.resolve("one.jsonl");
    Files.write(one, List.of(Files.readAllLines(results).get(0)));
    assertThat(ResultStore.read(one).records()).hasSize(1);
    CliRun none = CliRun.of("coverage", one.toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("measured 3 or more times");
  }
}
