package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.inferbench.engine.BadInputException;
import org.inferbench.workload.Grid;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.LabelledModel;
import org.inferbench.workload.WorkloadBuilder;
import org.junit.jupiter.api.Test;

/** Splitting a grid over machines: whole model × engine groups, the same split everywhere, every plan once. */
final class ShardTest {
  private static List<Plan> grid() throws Exception {
    WorkloadBuilder b = new WorkloadBuilder();
    b.models = List.of(LabelledModel.of("a"), LabelledModel.of("b"), LabelledModel.of("c"), LabelledModel.of("d"),
        LabelledModel.of("e"));
    b.engines = List.of("calibration");
    b.engineOpt("step-us=100,200");
    b.prompt = List.of(16, 64, 256);
    b.output = List.of(8);
    var spec = b.build(new WorkloadBuilder.Defaults(List.of(), List.of(), List.of(), List.of(), Isolation.NONE));
    return new Planner().plan(Grid.expand(spec));
  }

  @Test
  void theShardsPartitionTheGridByWholeModelEngineGroups() throws Exception {
    List<Plan> all = grid();
    Set<Integer> seen = new HashSet<>();
    Map<String, Integer> groupShard = new java.util.HashMap<>();
    for (int i = 0; i < 3; i++) {
      for (Plan p : new Shard(i, 3).select(all)) {
        assertThat(seen.add(p.configuration().index())).as("plan in two shards").isTrue();
        Integer before = groupShard.put(p.configuration().model().label(), i);
        assertThat(before == null || before == i).as("a model's group split over shards").isTrue();
      }
    }
    assertThat(seen).hasSize(all.size());
    assertThat(groupShard.values()).containsOnly(0, 1, 2);
  }

  @Test
  void theSplitIsAPureFunctionOfTheGrid() throws Exception {
    List<Integer> first = indices(new Shard(1, 2).select(grid()));
    List<Integer> again = indices(new Shard(1, 2).select(grid()));
    assertThat(again).isEqualTo(first).isNotEmpty();
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
    assertThat(Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "0", "INFERBENCH_SHARD_COUNT", "2"), null))
        .isEqualTo(new Shard(0, 2));
    assertThatThrownBy(() -> Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "0"), null))
        .isInstanceOf(BadInputException.class).hasMessageContaining("INFERBENCH_SHARD_COUNT");
  }

  private static List<Integer> indices(List<Plan> plans) {
    List<Integer> out = new ArrayList<>();
    for (Plan p : plans) out.add(p.configuration().index());
    return out;
  }
}
