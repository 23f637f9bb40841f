package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.inferbench.InferBench;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.stats.VarianceComponents;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.Order;
import org.junit.jupiter.api.Test;

/**
 * A configuration's requests are split over forks — worker processes, taken in rounds with the other configurations
 * — and each request keeps its fork; the record's mean CI is Student's t over the fork means, the within-fork
 * bootstrap kept beside it.
 */
final class ForksTest {

  @Test
  void workerForksSplitTheRequestsAndTheCiIsBuiltOverTheirMeans() throws Exception {
    List<ResultRecord> r = InferBench.workload()
        .model("forks").engine("calibration").engineOpt("step-us", "300", "600")
        .engineOpt("prefill-us-per-token", "10").engineOpt("fork-noise", "0.1")
        .prompt(8).output(3).runs(7).warmup(1).forks(3).order(Order.INTERLEAVED).isolate(Isolation.PROCESS)
        .run();
    assertThat(r).hasSize(2).allMatch(ResultRecord::ok);
    for (ResultRecord rec : r) {
      var l = rec.levels();
      assertThat(l.method()).isEqualTo(VarianceComponents.T_OVER_FORKS);
      assertThat(l.forks()).isEqualTo(3);
      // 7 requests over 3 forks: 3, 2, 2, each fork a round of the run
      assertThat(l.requestFork()).containsExactly(0, 0, 0, 1, 1, 2, 2);
      assertThat(l.requestRound()).isEqualTo(l.requestFork());
      var e2e = l.metrics().get("e2e");
      assertThat(e2e.unitMeans()).hasSize(3);
      double[] m = e2e.unitMeans();
      double mean = (m[0] + m[1] + m[2]) / 3;
      double half = org.inferbench.stats.StudentT.halfWidth(m, 0.95);
      assertThat(rec.stats(Metric.E2E).meanCiLow()).isCloseTo(mean - half, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(rec.stats(Metric.E2E).meanCiHigh()).isCloseTo(mean + half, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(e2e.betweenForkVar()).isNotNull();
      assertThat(e2e.betweenRoundVar()).isNull(); // one round per fork: the two levels are one here
      assertThat(rec.trackers().coldTtftMs()).isPositive();
      assertThat(rec.notes()).anyMatch(n -> n.startsWith("variance levels (e2e, 3 forks, 3 rounds)"));
    }
  }

  @Test
  void oneForkSaysItsCiIsWithinOneProcess() throws Exception {
    ResultRecord r = InferBench.workload()
        .model("one").engine("calibration").engineOpt("step-us", "200").prompt(4).output(2).runs(4).warmup(0)
        .forks(1).run().get(0);
    assertThat(r.levels().method()).isEqualTo(VarianceComponents.WITHIN_ONLY);
    var within = r.levels().metrics().get("e2e").withinFork();
    assertThat(r.stats(Metric.E2E).meanCiLow()).isEqualTo(within.low());
    assertThat(r.notes()).anyMatch(n -> n.contains("the spread between runs was not measured"));
  }
}
