package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.inferbench.InferBench;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.workload.Grid;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.LabelledModel;
import org.inferbench.workload.WorkloadBuilder;
import org.junit.jupiter.api.Test;

/** Estimates come from an earlier record of the same configuration on this machine, else from the model's size. */
final class PlanEstimateTest {
  @Test
  void anEarlierRecordOfTheSameConfigurationGivesItsRequestAndOpeningTimes() throws Exception {
    InferBench w = InferBench.workload().model("h").engine("calibration").engineOpt("prefill-us-per-token", "1000")
        .prompt(16).output(1).runs(3).warmup(0);
    List<ResultRecord> earlier = w.run();
    Plan same = new Planner().plan(Grid.expand(w.spec())).get(0);
    Plan other = new Planner().plan(Grid.expand(InferBench.workload().model("h2").engine("calibration")
        .prompt(16).output(1).runs(3).warmup(0).spec())).get(0);
    PlanEstimate e = PlanEstimate.from(earlier);
    assertThat(e.measuredBefore(same)).isTrue();
    assertThat(e.measuredBefore(other)).isFalse();
    assertThat(e.secondsPerRequest(same)).isCloseTo(earlier.get(0).stats(Metric.E2E).mean() / 1000, within(1e-9));
    // the calibration engine's own estimate where nothing was measured: 16 × 100 µs of prefill
    assertThat(e.secondsPerRequest(other)).isCloseTo(0.0016, within(1e-4));
  }

  @Test
  void openingAModelNotMeasuredBeforeIsEstimatedFromItsWeights() throws Exception {
    WorkloadBuilder b = new WorkloadBuilder();
    b.models = List.of(LabelledModel.of("gpt2"));
    b.engines = List.of("onnx");
    var spec = b.build(new WorkloadBuilder.Defaults(List.of(), List.of(), List.of(16), List.of(4), Isolation.NONE));
    Plan gpt2 = new Planner().plan(Grid.expand(spec)).get(0);
    // 124 M fp32 weights: 0.5 GB at 10 s/GB
    assertThat(PlanEstimate.fresh().openSeconds(gpt2)).isBetween(4.8, 5.2);
  }
}
