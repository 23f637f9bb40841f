package org.inferbench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.inferbench.results.Levels;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;

import org.junit.jupiter.api.Test;

/**
 * The gate judged across runs, on seeded records of known structure (no clock): each run's 5 forks of 4 requests,
 * the machine moving each run's level by {@code runSd} and each fork's by {@code forkSd}. Identical reruns rarely
 * alarm, a 10 % slowdown is caught, and a baseline that keeps earlier runs stops a machine that drifts between runs
 * from crying wolf where the forks alone would.
 */
final class BetweenRunsGateTest {
  private static final double MU = 100;

  private static ResultRecord run(SplittableRandom r, String ts, double scale, double runSd, double forkSd) {
    double level = MU * scale * (1 + runSd * gauss(r));
    double[] samples = new double[20];
    double[] means = new double[5];
    List<Integer> fork = new ArrayList<>();
    for (int f = 0; f < 5; f++) {
      double forkLevel = level * (1 + forkSd * gauss(r));
      for (int i = 0; i < 4; i++) {
        samples[f * 4 + i] = forkLevel * (1 + 0.01 * gauss(r));
        means[f] += samples[f * 4 + i] / 4;
        fork.add(f);
      }
    }
    ResultRecord base = TestRecords.record("k", "env", ts, Metric.E2E, samples);
    Levels levels = new Levels("t-over-fork-means", 5, 5, fork, fork, Map.of("e2e",
        new Levels.MetricLevels(null, null, 1, 0.9, means, new Levels.Bounds(0, 1))), null);
    return new ResultRecord(base.schemaVersion(), base.configKey(), base.envFingerprint(), base.runId(),
        base.timestamp(), base.status(), base.reason(), base.workload(), base.environment(), base.metrics(),
        base.samples(), null, null, List.of(), List.of(), levels);
  }

  private static double gauss(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** Alarms (regressed) among {@code pairs} baseline/current pairs, the current run × {@code scale}. */
  private static int alarms(long seed, int pairs, double scale, double runSd, double forkSd, int history) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 0;
    for (int i = 0; i < pairs; i++) {
      List<ResultRecord> baseline = new ArrayList<>();
      for (int h = 0; h <= history; h++) baseline.add(run(r, "2026-01-01T00:00:0" + h + "Z", 1, runSd, forkSd));
      ResultRecord now = run(r, "2026-01-02T00:00:00Z", scale, runSd, forkSd);
      BaselineComparison c = BaselineCheck.check(baseline, List.of(now), 5, false);
      if (c.anyRegressed()) n++;
      if (i == 0) assertThat(c.rows().get(0).note()).startsWith("judged across runs: 5 + 5 forks");
    }
    return n;
  }

  @Test
  void identicalRerunsRarelyAlarmAndATenPercentSlowdownIsCaught() {
    // forks 3 % apart, runs as stable as forks
    assertThat(alarms(1, 100, 1.0, 0.0, 0.03, 0)).as("false alarms in 100 identical pairs").isLessThanOrEqualTo(2);
    assertThat(alarms(2, 100, 1.10, 0.0, 0.03, 0)).as("10 % slowdowns caught of 100").isGreaterThanOrEqualTo(90);
  }

  @Test
  void earlierRunsOfTheBaselineKeepADriftingMachineFromCryingWolf() {
    // every run moved 6 % by the machine, the forks of one run only 1 % apart: forks alone alarm on reruns ...
    int forksOnly = alarms(3, 100, 1.0, 0.06, 0.01, 0);
    assertThat(forksOnly).as("false alarms judged by forks alone").isGreaterThan(15);
    // ... ten earlier runs in the baseline show the drift, and the same reruns pass
    assertThat(alarms(3, 100, 1.0, 0.06, 0.01, 9)).as("false alarms with history").isLessThanOrEqualTo(2);
  }
}
