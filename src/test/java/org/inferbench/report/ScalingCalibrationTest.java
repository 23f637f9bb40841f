package org.inferbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.inferbench.InferBench;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.testing.TimingRetry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * End to end on the real calibration engine: the scaling fit recovers its configured linear and quadratic
 * prefill costs within 2 %, and flags a deliberately noisy sweep.
 */
@Tag("timing")
final class ScalingCalibrationTest {
  private static final Integer[] PROMPTS = {64, 128, 256, 384, 512, 768};

  private static ScalingAnalysis.Series ttftFit(List<ResultRecord> records) {
    return ScalingAnalysis.analyse(new ResultSet(records)).stream().filter(s -> s.metric() == Metric.TTFT)
        .findFirst().orElseThrow();
  }

  @Test
  void recoversConfiguredPrefillCosts() throws Exception {
    TimingRetry.retry("recoversConfiguredPrefillCosts", () -> {
      double a = 20;      // µs per prompt token
      double b = 0.02;    // µs per squared prompt token: 768 tokens → 15.4 ms linear + 11.8 ms quadratic
      List<ResultRecord> records = InferBench.workload()
          .model("cal").engine("calibration")
          .engineOpt("prefill-us-per-token", Double.toString(a))
          .engineOpt("prefill-us-per-token2", Double.toString(b))
          .engineOpt("step-us", "100")
          .prompt(PROMPTS).output(2).warmup(1).runs(7)
          .run();
      ScalingAnalysis.Series s = ttftFit(records);
      assertThat(s.fit()).as(s.problem()).isNotNull();
      // TTFT is in ms: a µs/token = a/1000 ms/token
      assertThat(s.fit().linear()).isCloseTo(a / 1000, within(a / 1000 * 0.02));
      assertThat(s.fit().quadratic()).isCloseTo(b / 1000, within(b / 1000 * 0.02));
    });
  }

  @Test
  void flagsANoisySweep() throws Exception {
    TimingRetry.retry("flagsANoisySweep", () -> {
      List<ResultRecord> records = InferBench.workload()
          .model("noisy").engine("calibration")
          .engineOpt("prefill-us-per-token", "10").engineOpt("jitter", "0.3").engineOpt("step-us", "100")
          .prompt(64, 128, 256, 512).output(2).warmup(0).runs(6)
          .run();
      ScalingAnalysis.Series s = ttftFit(records);
      assertThat(s.fit().warnings()).anyMatch(w -> w.startsWith("noisy point"));
    });
  }
}
