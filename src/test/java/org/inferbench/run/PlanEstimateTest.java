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
    // other settings of the same model and lengths (here for taking turns) stand for it, one set of settings only
    Plan interleaved = new Planner().plan(Grid.expand(InferBench.workload().model("h").engine("calibration")
        .engineOpt("prefill-us-per-token", "1000").engineOpt("step-us", "999").prompt(16).output(1).spec())).get(0);
    assertThat(e.measuredBefore(interleaved)).isTrue();
    List<ResultRecord> both = new java.util.ArrayList<>(earlier);
    both.addAll(InferBench.workload().model("h").engine("calibration").engineOpt("prefill-us-per-token", "2000")
        .prompt(16).output(1).runs(2).warmup(0).run());
    assertThat(PlanEstimate.from(both).measuredBefore(interleaved)).isFalse();
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
