package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.inferbench.InferBench;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.Order;
import org.junit.jupiter.api.Test;

/** Every order and isolation mode measures every configuration and records where its memory figures came from. */
final class RunnerTest {

  @Test
  void processIsolationMeasuresInAFreshJvmWithItsOwnMemoryFigures() throws Exception {
    List<ResultRecord> r = InferBench.workload()
        .model("iso").engine("calibration").engineOpt("step-us", "500").engineOpt("prefill-us-per-token", "20")
        .prompt(50, 100).output(4).runs(5).warmup(1).isolate(Isolation.PROCESS)
        .run();
    assertThat(r).hasSize(2).allMatch(ResultRecord::ok);
    for (ResultRecord rec : r) {
      assertThat(rec.workload().isolate()).isEqualTo("process");
      assertThat(rec.trackers().peakRssMb()).isPositive();
      assertThat(rec.trackers().rssAfterLoadMb()).isPositive();
      assertThat(rec.trackers().memoryMethod()).isIn("vmhwm", "sampled-vmrss");
      assertThat(rec.trackers().coldTtftMs()).isPositive();
      assertThat(rec.stats(Metric.TTFT).count()).isEqualTo(5);
    }
    assertThat(r.get(1).stats(Metric.TTFT).p50()).isGreaterThan(r.get(0).stats(Metric.TTFT).p50() * 1.5);
  }

  @Test
  void interleavedAndShuffledOrdersMeasureEveryConfigurationInOneProcess() throws Exception {
    for (Order order : List.of(Order.INTERLEAVED, Order.SHUFFLED)) {
      List<String> finished = new ArrayList<>();
      List<ResultRecord> r = InferBench.workload()
          .model("a").engine("calibration").engineOpt("step-us", "300", "600")
          .prompt(10).output(3).runs(4).warmup(0).order(order)
          .run();
      assertThat(r).hasSize(2).allMatch(ResultRecord::ok);
      for (ResultRecord rec : r) {
        finished.add(rec.workload().engineSettings().get("step-us"));
        assertThat(rec.workload().order()).isEqualTo(order.name().toLowerCase());
        assertThat(rec.trackers().peakRssMb()).isNull();
        assertThat(rec.trackers().notes()).containsKey("memory");
      }
      assertThat(finished).containsExactlyInAnyOrder("300", "600");
    }
  }

  @Test
  void sameConfigurationGetsTheSameConfigKeyAcrossRunCounts() throws Exception {
    ResultRecord a = InferBench.workload().model("k").engine("calibration").prompt(8).output(2).runs(2).run().get(0);
    ResultRecord b = InferBench.workload().model("k").engine("calibration").prompt(8).output(2).runs(3).run().get(0);
    ResultRecord c = InferBench.workload().model("k").engine("calibration").prompt(9).output(2).runs(2).run().get(0);
    assertThat(a.configKey()).isEqualTo(b.configKey()).isNotEqualTo(c.configKey());
    assertThat(a.envFingerprint()).isEqualTo(c.envFingerprint());
  }
}
