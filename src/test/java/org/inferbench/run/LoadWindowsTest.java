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
    long perModel = LoadWindows.bytes(p.get(0));
    // a model's two lengths share one loaded model; models never share a window, however much memory there is
    assertThat(labels(LoadWindows.byModel(p, perModel))).containsExactly(
        List.of("a p16", "a p32"), List.of("b p16", "b p32"), List.of("c p16", "c p32"));
    assertThat(LoadWindows.byModel(p, 100 * perModel).stream().map(List::size)).containsExactly(2, 2, 2);
    // a model whose loaded models do not fit together is split between them, never refused
    WorkloadBuilder b = new WorkloadBuilder();
    b.models = List.of(LabelledModel.of("a"));
    b.engines = List.of("calibration");
    b.engineOpts.put("step-us", List.of("1000", "2000"));
    var spec = b.build(new WorkloadBuilder.Defaults(List.of(), List.of(), List.of(16, 32), List.of(4), Isolation.NONE));
    List<Plan> twoSettings = new Planner().plan(Grid.expand(spec));
    assertThat(LoadWindows.byLoadedModel(twoSettings)).hasSize(2).allMatch(m -> m.size() == 2);
    assertThat(LoadWindows.byModel(twoSettings, perModel)).hasSize(2);
    assertThat(LoadWindows.byModel(twoSettings, 2 * perModel)).hasSize(1);
  }
}
