package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.inferbench.InferBench;
import org.inferbench.results.ResultRecord;
import org.inferbench.testing.TimingRetry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A time budget sends the runs beyond the minimum where the CI is furthest from the target: a noisy configuration
 * takes most of them, and the quiet ones still reach the target.
 */
@Tag("timing")
final class TimeBudgetTest {
  private static final String NOISY = "0.25";

  @Test
  void theNoisyConfigurationGetsMostOfTheExtraRunsAndTheQuietOnesStillReachTheTarget() throws Exception {
    TimingRetry.retry("time budget allocation", () -> {
      // output 1: the headline (e2e) is one prefill, whose relative noise is the jitter
      List<ResultRecord> r = InferBench.workload().model("m").engine("calibration")
          .engineOpt("prefill-us-per-token", "200").engineOpt("jitter", "0.02", "0.03", "0.04", NOISY)
          .prompt(16).output(1).warmup(1).minRuns(5).targetCi(2).timeBudget(Duration.ofSeconds(8)).run();
      assertThat(r).hasSize(4).allMatch(ResultRecord::ok);
      int extra = 0;
      int noisyExtra = 0;
      for (ResultRecord rec : r) {
        int n = rec.stats(rec.headline()).count();
        assertThat(n).as("every configuration gets its minimum").isGreaterThanOrEqualTo(5);
        extra += n - 5;
        if (rec.workload().engineSettings().get("jitter").equals(NOISY)) {
          noisyExtra = n - 5;
        } else {
          assertThat(rec.notes()).as("quiet jitter=%s: %s", rec.workload().engineSettings().get("jitter"), summary(r)).anyMatch(s -> s.startsWith("stopped: target-ci"));
          assertThat(rec.flags()).doesNotContain(StopRule.OUT_OF_BUDGET);
        }
      }
      assertThat(noisyExtra).as("noisy configuration's share of %d extra runs", extra)
          .isGreaterThanOrEqualTo((int) Math.ceil(0.6 * extra));
      assertThat(extra).isPositive();
    });
  }

  @Test
  void windowsOfModelsEachGetAShareOfTheSpareTimeAndTheBudgetHolds() throws Exception {
    // three calibration models of 1.5 GiB each (unknown size) in 3.2 GB: one model, two configurations, per window
    System.setProperty("inferbench.memory-limit-mb", "3200");
    try {
      long t0 = System.nanoTime();
      List<ResultRecord> r = InferBench.workload().model("a", "b", "c").engine("calibration")
          .engineOpt("prefill-us-per-token", "500").engineOpt("jitter", "0.03", NOISY).prompt(16).output(1)
          .warmup(1).minRuns(3).targetCi(2).timeBudget(Duration.ofSeconds(6)).run();
      double took = (System.nanoTime() - t0) / 1e9;
      assertThat(r).hasSize(6).allMatch(ResultRecord::ok);
      for (ResultRecord rec : r) {
        if (rec.workload().engineSettings().get("jitter").equals(NOISY)) {
          // a window that cannot reach the target still spends its share: none left at its minimum
          assertThat(rec.stats(rec.headline()).count()).as(rec.workload().model()).isGreaterThan(10);
        }
      }
      assertThat(took).isLessThan(6.5);
    } finally {
      System.clearProperty("inferbench.memory-limit-mb");
    }
  }

  private static String summary(List<ResultRecord> r) {
    StringBuilder b = new StringBuilder();
    for (ResultRecord rec : r) {
      b.append("jitter=").append(rec.workload().engineSettings().get("jitter")).append(" n=")
          .append(rec.stats(rec.headline()).count()).append(" cv=")
          .append(String.format(java.util.Locale.ROOT, "%.3f", rec.stats(rec.headline()).cv())).append(' ')
          .append(rec.notes().get(0)).append("; ");
    }
    return b.toString();
  }

  @Test
  void whatCannotReachTheTargetStopsAtTheBudgetMarkedOutOfBudget() throws Exception {
    long t0 = System.nanoTime();
    // 16 ms a request: the 2 s run out before max-runs (200)
    List<ResultRecord> r = InferBench.workload().model("m").engine("calibration").engineOpt("jitter", "0.5")
        .engineOpt("prefill-us-per-token", "1000").prompt(16).output(1).warmup(0).minRuns(5).targetCi(0.1)
        .timeBudget(Duration.ofSeconds(2)).run();
    double took = (System.nanoTime() - t0) / 1e9;
    assertThat(r.get(0).flags()).contains(StopRule.OUT_OF_BUDGET);
    assertThat(r.get(0).notes()).anyMatch(s -> s.startsWith("stopped: out-of-budget"));
    // the time left was spent on it (not given up after the minimum) and the budget held
    assertThat(r.get(0).stats(r.get(0).headline()).count()).isGreaterThan(20);
    assertThat(took).isLessThan(4);
  }
}
