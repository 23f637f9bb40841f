package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.inferbench.InferBench;
import org.inferbench.results.Levels;
import org.inferbench.results.Metric;
import org.inferbench.results.MetricStats;
import org.inferbench.results.ResultRecord;
import org.inferbench.stats.VarianceComponents;
import org.inferbench.testing.TimingRetry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On a machine that differs between forks by a known amount (the calibration engine's fork-noise: every cost of a
 * fork × (1 + δ), δ ~ N(0, 0.2²), seeded), the CI built over fork means holds the mean of the other reruns in about
 * 95 % of reruns, and the within-fork bootstrap of a run in one fork (what every run was before forks) — which sees
 * only its requests' spread — in far fewer. The fork
 * offsets are seeded, so which reruns miss is fixed; only the machine's own timing noise can move a rerun. An attempt
 * where other work stretched more than 10 % of the requests (beyond 15 % over the fastest of their round, where the
 * engine's own jitter is 2 %) measured the machine, not the method: it is tried again, and when every attempt is
 * disturbed the test is skipped saying so (a wrong CI fails an undisturbed attempt). The same statistics on seeded
 * numbers without a clock: {@code VarianceComponentsTest}.
 */
@Tag("timing")
final class ForkCoverageTest {
  private static final int RERUNS = 40;
  private static final double FORK_NOISE = 0.2;

  @Test
  void theCiOverForksCoversReruns95PercentAndTheWithinForkOneDoesNot() throws Exception {
    TimingRetry.retry("fork coverage", () -> {
      List<ResultRecord> runs = reruns();
      double disturbed = disturbedShare(runs);
      if (disturbed >= 0.10) {
        throw new TimingRetry.Disturbed(String.format("%.0f %% of requests stretched by other work", disturbed * 100));
      }
      judge(runs);
    });
  }

  /** Per seed: the run in 5 forks, then the same requests in one fork. */
  private static List<ResultRecord> reruns() throws Exception {
    List<ResultRecord> runs = new ArrayList<>();
    for (int seed = 1; seed <= RERUNS; seed++) {
      for (int forks : new int[] {5, 1}) {
        List<ResultRecord> r = InferBench.workload()
            .model("cov").engine("calibration").engineOpt("prefill-us-per-token", "50").engineOpt("step-us", "1000")
            .engineOpt("jitter", "0.02").engineOpt("fork-noise", String.valueOf(FORK_NOISE))
            .prompt(8).output(3).warmup(1).runs(10).forks(forks).seed(seed)
            .run();
        assertThat(r).hasSize(1).allMatch(ResultRecord::ok);
        runs.add(r.get(0));
      }
    }
    return runs;
  }

  private static void judge(List<ResultRecord> all) {
    List<ResultRecord> runs = new ArrayList<>();
    List<ResultRecord> single = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) (i % 2 == 0 ? runs : single).add(all.get(i));
    Levels first = runs.get(0).levels();
    assertThat(first.method()).isEqualTo(VarianceComponents.T_OVER_ROUNDS);
    assertThat(first.rounds()).isEqualTo(5);
    assertThat(first.requestRound()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 4);
    assertThat(single.get(0).levels().method()).isEqualTo(VarianceComponents.WITHIN_ONLY);

    double[] means = runs.stream().mapToDouble(r -> r.stats(Metric.E2E).mean()).toArray();
    int honest = 0;
    int within = 0;
    double betweenShare = 0;
    for (int i = 0; i < RERUNS; i++) {
      double others = 0;
      for (int j = 0; j < RERUNS; j++) if (j != i) others += means[j];
      others /= RERUNS - 1;
      MetricStats s = runs.get(i).stats(Metric.E2E);
      if (s.meanCiLow() <= others && others <= s.meanCiHigh()) honest++;
      Levels.Bounds w = single.get(i).levels().metrics().get("e2e").withinFork();
      if (w.low() <= others && others <= w.high()) within++;
      betweenShare += runs.get(i).levels().metrics().get("e2e").betweenShare() / RERUNS;
    }
    // 95 % nominal; 40 reruns leave a binomial sd of 3.4 points
    assertThat(honest).as("reruns whose CI over forks holds the others' mean").isGreaterThanOrEqualTo(34);
    assertThat(within).as("one-fork runs whose within-fork CI holds the others' mean").isLessThanOrEqualTo(12);
    // the injected spread is most of the variance: (0.2 × 2.4 ms)² beside 2 % jitter on each cost
    assertThat(betweenShare).isGreaterThan(0.7);
    assertThat(runs.get(0).notes()).anyMatch(n -> n.contains("most of the uncertainty is run-to-run"));
  }

  /** Requests over 15 % slower than the fastest of their round (and run), as a share of all. */
  private static double disturbedShare(List<ResultRecord> runs) {
    int disturbed = 0;
    int all = 0;
    for (ResultRecord r : runs) {
      double[] e2e = r.samples(Metric.E2E);
      List<Integer> round = r.levels().requestRound();
      for (int i = 0; i < e2e.length; i++) {
        double fastest = Double.MAX_VALUE;
        for (int j = 0; j < e2e.length; j++) if (round.get(j).equals(round.get(i))) fastest = Math.min(fastest, e2e[j]);
        if (e2e[i] > 1.15 * fastest) disturbed++;
        all++;
      }
    }
    return (double) disturbed / all;
  }
}
