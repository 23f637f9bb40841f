package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.inferbench.workload.Grid;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.LabelledModel;
import org.inferbench.workload.WorkloadBuilder;
import org.junit.jupiter.api.Test;

/** Configurations taking turns are loaded only as many at once as memory holds; a budget keeps models whole. */
final class LoadWindowsTest {
  private static List<Plan> plans(String engine, String... models) throws Exception {
    WorkloadBuilder b = new WorkloadBuilder();
    b.models = java.util.Arrays.stream(models).map(LabelledModel::of).toList();
    b.engines = List.of(engine);
    var spec = b.build(new WorkloadBuilder.Defaults(List.of(), List.of(), List.of(16, 32), List.of(4), Isolation.NONE));
    return new Planner().plan(Grid.expand(spec));
  }

  private static List<List<String>> labels(List<List<Plan>> windows) {
    return windows.stream().map(w -> w.stream().map(p -> p.configuration().model().label() + " p" + p.configuration().prompt()).toList()).toList();
  }

  @Test
  void countedModelsNeedTheirWeightsTwiceAndAJvm() throws Exception {
    Plan gpt2 = plans("onnx", "gpt2").get(0);
    // gpt2: 124M parameters, fp32
    assertThat(LoadWindows.bytes(gpt2)).isBetween(LoadWindows.WORKER_BASE_BYTES + 1_200_000_000L,
        LoadWindows.WORKER_BASE_BYTES + 1_300_000_000L);
    Plan calibration = plans("calibration", "x").get(0);
    assertThat(LoadWindows.bytes(calibration)).isEqualTo(LoadWindows.WORKER_BASE_BYTES + LoadWindows.UNKNOWN_MODEL_BYTES);
  }

  @Test
  void consecutivePlansArePackedUpToTheMemory() throws Exception {
    List<Plan> p = plans("calibration", "a", "b", "c"); // 6 plans of 1.5 GiB each
    long perPlan = LoadWindows.bytes(p.get(0));
    assertThat(LoadWindows.consecutive(p, 2 * perPlan).stream().map(List::size)).containsExactly(2, 2, 2);
    assertThat(LoadWindows.consecutive(p, 100 * perPlan)).hasSize(1);
    // never fewer than one, however little memory
    assertThat(LoadWindows.consecutive(p, 1)).hasSize(6);
  }

  @Test
  void underABudgetWindowsHoldWholeModels() throws Exception {
    List<Plan> p = plans("calibration", "a", "b", "c");
    long perPlan = LoadWindows.bytes(p.get(0));
    // room for 3: a's two configurations, then b's (c's would split b's window), then c's
    assertThat(labels(LoadWindows.byModel(p, 3 * perPlan))).containsExactly(
        List.of("a p16", "a p32"), List.of("b p16", "b p32"), List.of("c p16", "c p32"));
    assertThat(LoadWindows.byModel(p, 4 * perPlan).stream().map(List::size)).containsExactly(4, 2);
    // a model larger than memory alone is split rather than refused
    assertThat(LoadWindows.byModel(p, perPlan).stream().map(List::size)).containsExactly(1, 1, 1, 1, 1, 1);
  }
}
