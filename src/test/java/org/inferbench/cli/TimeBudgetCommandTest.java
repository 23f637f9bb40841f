package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --time-budget and --pin-cpus from the command line: exclusive with --runs, refused before measuring when even the
 * minimum cannot fit (the dry run says so), the plan in the dry run, the summary of who reached the target, the
 * same duration syntax in the file, and pinned workers that record it.
 */
final class TimeBudgetCommandTest {
  @TempDir
  Path dir;

  private String results() {
    return dir.resolve("r.jsonl").toString();
  }

  @Test
  void runsAndBudgetAreExclusive() {
    CliRun r = CliRun.of("run", "--engine", "calibration", "--model", "x", "--runs", "5", "--time-budget", "1m",
        "--results", results());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err().strip()).isEqualTo("inferbench: time-budget: give either --runs (fixed) or --time-budget, not both");
    assertThat(CliRun.of("run", "--engine", "calibration", "--model", "x", "--time-budget", "soon").err())
        .contains("--time-budget: expected a duration such as 500ms, 90s, 5m or 1h, got 'soon'");
  }

  @Test
  void aBudgetThatCannotHoldTheMinimumIsRefusedBeforeMeasuringAndInTheDryRun() throws Exception {
    // 3 configurations × (1 cold + 2 warm-up + 5 runs) × 16 × 20 ms ≈ 7.7 s: more than 3 s
    String[] args = {"run", "--engine", "calibration", "--model", "a,b,c", "--prompt", "16", "--output", "1",
        "--engine-opt", "prefill-us-per-token=20000", "--isolate", "none", "--time-budget", "3s", "--min-runs", "5",
        "--results", results()};
    for (boolean dry : new boolean[] {true, false}) {
      CliRun r = dry ? CliRun.of(concat(args, "--dry-run")) : CliRun.of(args);
      assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err()).contains("--time-budget 3.0 s: every configuration's minimum").contains("needs about 7.");
      assertThat(r.err().strip().lines()).hasSize(1);
    }
    assertThat(Files.exists(dir.resolve("r.jsonl"))).isFalse();
  }

  @Test
  void theDryRunShowsThePlanAndTheRunSaysWhoReachedTheTarget() throws Exception {
    String[] args = {"run", "--engine", "calibration", "--model", "q", "--prompt", "16", "--output", "1",
        "--engine-opt", "prefill-us-per-token=100", "--engine-opt", "jitter=0.01,0.4", "--isolate", "none",
        "--time-budget", "3s", "--target-ci", "0.5", "--max-time", "1500ms", "--results", results()};
    CliRun plan = CliRun.of(concat(args, "--dry-run"));
    assertThat(plan.code()).isZero();
    assertThat(plan.out()).contains("time budget 3.0 s: every configuration first gets its minimum (3 runs after 2 "
        + "warm-up)").contains("furthest from ±0.5 %");
    CliRun r = CliRun.of(args);
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("95 % CI of the mean").contains("time budget 3.0 s:")
        .containsPattern("jitter=0\\.4 .*(out of budget|not reached)");
    List<ResultRecord> recs = ResultStore.read(dir.resolve("r.jsonl")).records();
    assertThat(recs).hasSize(2);
    // --max-time took a duration: the record says 1.5 s
    assertThat(recs.get(0).workload().maxTimeS()).isEqualTo(1.5);
  }

  @Test
  void aSweepFileTakesTheBudgetAndPinningAtItsTopLevel() throws Exception {
    Path sweep = dir.resolve("s.yaml");
    Files.writeString(sweep, """
        question: Does the budget reach the file?
        model: f
        engine: calibration
        prompt: 8
        output: 1
        time-budget: 2m
        pin-cpus: "0"
        grids:
          - engine-opts: {step-us: 100}
          - engine-opts: {step-us: 200}
            time-budget: 1m
        """);
    CliRun bad = CliRun.of("sweep", sweep.toString(), "--dry-run");
    assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).contains("grids[1]: 'time-budget' belongs to the top level of the file");
  }

  @Test
  void pinnedWorkersRunOnTheGivenCpuAndRecordIt() throws Exception {
    CliRun bad = CliRun.of("run", "--engine", "calibration", "--model", "p", "--pin-cpus", "0,999", "--results", results());
    assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).contains("--pin-cpus 0,999: CPUs 999 are not available to this process");
    assertThat(CliRun.of("run", "--engine", "calibration", "--model", "p", "--pin-cpus", "0-x").err())
        .contains("--pin-cpus: expected a CPU list such as 0 or 0,2-3, got '0-x'");
    CliRun r = CliRun.of("run", "--engine", "calibration", "--model", "p", "--prompt", "8", "--output", "1",
        "--runs", "3", "--warmup", "0", "--isolate", "process", "--pin-cpus", "0", "--results", results());
    assertThat(r.code()).as(r.err()).isZero();
    ResultRecord rec = ResultStore.read(dir.resolve("r.jsonl")).records().get(0);
    assertThat(rec.environment().extra()).containsEntry("pinned_cpus", "0");
    assertThat(((Map<?, ?>) rec.trackers().extra().get("noise")).get("cpus_allowed")).isEqualTo("0");
  }

  private static String[] concat(String[] a, String b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }
}
