package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.inferbench.workload.Grid;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.LabelledModel;
import org.inferbench.workload.Order;
import org.inferbench.workload.WorkloadBuilder;
import org.junit.jupiter.api.Test;

/** Configurations that take turns get the engine's settings for that, unless the user chose a value. */
final class PlannerTest {
  private static List<Plan> plan(Order order, String... opts) throws Exception {
    WorkloadBuilder b = new WorkloadBuilder();
    b.models = List.of(LabelledModel.of("gpt2"));
    b.engines = List.of("onnx");
    b.order = order;
    for (String o : opts) b.engineOpt(o);
    var spec = b.build(new WorkloadBuilder.Defaults(List.of(), List.of(), List.of(16), List.of(4), Isolation.NONE));
    return new Planner().plan(Grid.expand(spec));
  }

  @Test
  void interleavedOnnxRunsDoNotSpin() throws Exception {
    assertThat(plan(Order.SEQUENTIAL).get(0).settings().get("allow-spinning")).isEqualTo("true");
    assertThat(plan(Order.INTERLEAVED).get(0).settings().get("allow-spinning")).isEqualTo("false");
    assertThat(plan(Order.SHUFFLED, "allow-spinning=true").get(0).settings().get("allow-spinning")).isEqualTo("true");
  }
}
