package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.inferbench.core.BadInputException;
import org.inferbench.workload.Grid;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.LabelledModel;
import org.inferbench.workload.WorkloadBuilder;
import org.junit.jupiter.api.Test;

/**
 * Splitting a grid over machines by cost: a pure function of the grid and the estimates, every configuration in
 * exactly one shard, a one-model sweep split so that the slowest shard is well under half the unsharded time, and
 * models kept whole where splitting them would only add loads.
 */
final class ShardTest {
  private static final WorkloadBuilder.Defaults DEFAULTS =
      new WorkloadBuilder.Defaults(List.of(), List.of(), List.of(), List.of(), Isolation.PROCESS);

  /** The one-model sweep: prompts 16/32/64/128 × outputs 4/8/16 on the calibration engine. */
  private static List<Plan> oneModel(Isolation isolation, Double budget) throws Exception {
    WorkloadBuilder b = new WorkloadBuilder();
    b.models = List.of(LabelledModel.of("demo"));
    b.engines = List.of("calibration");
    b.prompt = List.of(16, 32, 64, 128);
    b.output = List.of(4, 8, 16);
    b.isolate = isolation;
    b.timeBudgetS = budget;
    return new Planner().plan(Grid.expand(b.build(DEFAULTS)));
  }

  private static List<Plan> fiveModels() throws Exception {
    WorkloadBuilder b = new WorkloadBuilder();
    b.models = List.of(LabelledModel.of("a"), LabelledModel.of("b"), LabelledModel.of("c"), LabelledModel.of("d"),
        LabelledModel.of("e"));
    b.engines = List.of("calibration");
    b.engineOpt("step-us=100,200");
    b.prompt = List.of(16, 64, 256);
    b.output = List.of(8);
    return new Planner().plan(Grid.expand(b.build(DEFAULTS)));
  }

  private static ShardPlan split(List<Plan> plans, int n, boolean workers, boolean perConfiguration) {
    return ShardPlan.of(plans, n, PlanEstimate.reference(List.of(), ShardPlan.REFERENCE),
        ShardPlan.REFERENCE_ESTIMATES, workers, perConfiguration);
  }

  @Test
  void aOneModelSweepOnThreeShardsTakesAtMost45PercentOfTheUnshardedTime() throws Exception {
    // in worker JVMs, one per configuration (run's default), and in this JVM
    for (var c : List.of(new Object[] {Isolation.PROCESS, null, true, true},
        new Object[] {Isolation.NONE, null, false, false})) {
      List<Plan> plans = oneModel((Isolation) c[0], (Double) c[1]);
      assertThat(plans).hasSize(12);
      ShardPlan s = split(plans, 3, (boolean) c[2], (boolean) c[3]);
      assertPartition(plans, s);
      for (int i = 0; i < 3; i++) assertThat(s.plans(i)).as("shard %d of %s", i, c[0]).isNotEmpty();
      assertThat(s.slowestSeconds()).as("slowest shard, %s", c[0]).isLessThanOrEqualTo(0.45 * s.unshardedSeconds());
    }
    // under a budget one worker serves the whole model: its start (1.5 s) outweighs these 12 short configurations'
    // 0.9 s, so a split into three still pays off, but less
    List<Plan> plans = oneModel(Isolation.PROCESS, 600.0);
    ShardPlan s = split(plans, 3, true, false);
    assertPartition(plans, s);
    assertThat(s.slowestSeconds()).isLessThan(0.8 * s.unshardedSeconds()).isGreaterThan(0.45 * s.unshardedSeconds());
  }

  @Test
  void theSplitIsAPureFunctionOfTheGridAndTheEstimates() throws Exception {
    ShardPlan first = split(fiveModels(), 4, true, true);
    ShardPlan again = split(fiveModels(), 4, true, true);
    for (int i = 0; i < 4; i++) assertThat(indices(again.plans(i))).isEqualTo(indices(first.plans(i)));
    assertThat(again.grid()).isEqualTo(first.grid()).hasSize(16);
    assertThat(split(oneModel(Isolation.PROCESS, null), 4, true, true).grid()).isNotEqualTo(first.grid());
  }

  @Test
  void everyConfigurationIsInExactlyOneShardWhateverTheCount() throws Exception {
    for (int n = 1; n <= 14; n++) {
      assertPartition(fiveModels(), split(fiveModels(), n, true, true));
      List<Plan> one = oneModel(Isolation.PROCESS, 600.0);
      ShardPlan s = split(one, n, true, false);
      assertPartition(one, s);
      // more shards than configurations: the spare ones are empty, never a configuration twice
      if (n > 12) assertThat(java.util.stream.IntStream.range(0, n).filter(i -> s.plans(i).isEmpty())).isNotEmpty();
    }
  }

  @Test
  void modelsStayWholeWhenSplittingThemWouldOnlyAddLoads() throws Exception {
    // ten equal models on five shards under a budget: each model's worker and load is paid once, two per shard
    WorkloadBuilder b = new WorkloadBuilder();
    b.models = new ArrayList<>();
    for (int m = 0; m < 10; m++) b.models.add(LabelledModel.of("m" + m));
    b.engines = List.of("calibration");
    b.prompt = List.of(16, 32);
    b.output = List.of(4);
    b.timeBudgetS = 600.0;
    List<Plan> plans = new Planner().plan(Grid.expand(b.build(DEFAULTS)));
    ShardPlan s = split(plans, 5, true, false);
    for (int i = 0; i < 5; i++) assertThat(s.models(i)).as("models on shard %d", i).isEqualTo(2);
    assertThat(s.slowestSeconds()).isCloseTo(s.unshardedSeconds() / 5,
        org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void shardsComeFromFlagsSlurmAndKubernetes() throws Exception {
    assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
    assertThatThrownBy(() -> Shard.parse("4/4")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("--shard: expected I/N");
    assertThatThrownBy(() -> Shard.parse("x")).isInstanceOf(BadInputException.class);
    assertThat(Shard.fromEnvironment(Map.of(), null)).isNull();
    assertThat(Shard.fromEnvironment(Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_COUNT", "3"), null))
        .isEqualTo(new Shard(1, 3));
    assertThat(Shard.fromEnvironment(Map.of("SLURM_ARRAY_TASK_ID", "6", "SLURM_ARRAY_TASK_MIN", "5",
        "SLURM_ARRAY_TASK_MAX", "7"), null)).isEqualTo(new Shard(1, 3));
    assertThat(Shard.fromEnvironment(Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "0",
        "SLURM_ARRAY_TASK_STEP", "2", "SLURM_ARRAY_TASK_COUNT", "3"), null)).isEqualTo(new Shard(2, 3));
    assertThat(Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "0", "INFERBENCH_SHARD_COUNT", "2"), null))
        .isEqualTo(new Shard(0, 2));
    assertThatThrownBy(() -> Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "0"), null))
        .isInstanceOf(BadInputException.class).hasMessageContaining("INFERBENCH_SHARD_COUNT");
    assertThatThrownBy(() -> Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "2", "INFERBENCH_SHARD_COUNT", "2"),
        null)).isInstanceOf(BadInputException.class).hasMessageContaining("2/2");
  }

  @Test
  void aShardCountThatDiffersFromTheSchedulersIsRefused() throws Exception {
    Map<String, String> slurm = Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_COUNT", "3");
    assertThat(Shard.resolve("1/3", slurm)).isEqualTo(new Shard(1, 3));
    assertThatThrownBy(() -> Shard.resolve("1/4", slurm)).isInstanceOf(BadInputException.class)
        .hasMessage("--shard 1/4: the Slurm job array has 3 tasks; expected --shard I/3 or no --shard");
    Map<String, String> k8s = Map.of("JOB_COMPLETION_INDEX", "0", "INFERBENCH_SHARD_COUNT", "4");
    assertThat(Shard.resolve("0/4", k8s)).isEqualTo(new Shard(0, 4));
    assertThatThrownBy(() -> Shard.resolve("0/2", k8s)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("INFERBENCH_SHARD_COUNT (the Job's completions) is 4");
    assertThat(Shard.resolve("1/2", Map.of("JOB_COMPLETION_INDEX", "1"))).isEqualTo(new Shard(1, 2));
  }

  private static void assertPartition(List<Plan> all, ShardPlan s) {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < s.count(); i++) {
      for (Plan p : s.plans(i)) assertThat(seen.add(p.configuration().index())).as("plan in two shards").isTrue();
    }
    assertThat(seen).hasSize(all.size());
  }

  private static List<Integer> indices(List<Plan> plans) {
    List<Integer> out = new ArrayList<>();
    for (Plan p : plans) out.add(p.configuration().index());
    return out;
  }
}
