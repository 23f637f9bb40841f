package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.inferbench.run.Plan;
import org.inferbench.run.PlanEstimate;
import org.inferbench.run.Planner;
import org.inferbench.run.ShardPlan;
import org.inferbench.run.RecordBuilder;
import org.inferbench.workload.Grid;
import org.inferbench.workload.WorkloadBuilder;
import org.inferbench.workload.LabelledModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For real on Slurm: a single-node cluster (Debian's slurm-wlm with munge, started and stopped here by
 * scripts/slurm-local.sh) runs a one-model sweep (the calibration engine, prompts 16/32/64/128 × outputs 4/8/16:
 * 12 configurations) as a three-task job array; each task finds its shard in the environment, no shard is empty,
 * the slowest is estimated at most 45 % of the unsharded time, the shards are disjoint, and merged they are exactly
 * the unsharded grid's configurations.
 */
@Tag("slurm")
final class SlurmArrayTest {
  private static final Path SCRIPT = Path.of("scripts", "slurm-local.sh").toAbsolutePath();
  private static final String SWEEP = "--engine calibration --model demo --prompt 16,32,64,128 --output 4,8,16";

  @TempDir Path dir;

  @Test
  void aThreeTaskArrayRunsDisjointShardsThatMergeIntoTheWholeGrid() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "starting slurmctld, slurmd and munged needs root (./run-tests as root installs slurm-wlm and munge)");
    Path cluster = dir.resolve("cluster");
    Path work = Files.createDirectories(dir.resolve("work"));
    String conf = sh(SCRIPT.toString(), "start", cluster.toString()).strip();
    assertThat(conf).startsWith("SLURM_CONF=");
    try {
      Path job = work.resolve("task.sh");
      Files.writeString(job, "#!/bin/bash\nexec " + Path.of(System.getProperty("java.home"), "bin", "java")
          + " -cp " + System.getProperty("java.class.path") + " " + Main.class.getName() + " run " + SWEEP + "\n");
      job.toFile().setExecutable(true);
      ProcessBuilder sbatch = new ProcessBuilder("sbatch", "--wait", "--array=0-2", "--cpus-per-task=1",
          "--chdir=" + work, "--output=" + work.resolve("task-%a.out"), job.toString());
      sbatch.environment().put("SLURM_CONF", conf.substring("SLURM_CONF=".length()));
      Process p = sbatch.redirectErrorStream(true).start();
      assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("the array ended").isTrue();
      String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(said + tasksOutput(work)).isZero();
    } finally {
      sh(SCRIPT.toString(), "stop", cluster.toString());
    }
    ShardPlan split = ShardPlan.of(unshardedPlans(), 3, PlanEstimate.reference(List.of(), ShardPlan.REFERENCE),
        ShardPlan.REFERENCE_ESTIMATES, true, true);
    assertThat(split.slowestSeconds()).isLessThanOrEqualTo(0.45 * split.unshardedSeconds());
    List<Set<String>> shards = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<ResultRecord> records = ResultStore.read(List.of(work.resolve("results/shard-" + i + "-of-3.jsonl")))
          .records();
      String shard = i + "/3";
      assertThat(records).hasSize(split.plans(i).size()).isNotEmpty()
          .allMatch(r -> shard.equals(r.environment().extra().get("shard")))
          .allMatch(r -> split.grid().equals(r.environment().extra().get("shard_grid")));
      assertThat(Files.readString(work.resolve("task-" + i + ".out"))).contains("shard " + shard + ": "
          + split.plans(i).size() + " of 12 configurations");
      shards.add(records.stream().map(ResultRecord::configKey).collect(Collectors.toSet()));
    }
    for (int i = 0; i < 3; i++) {
      for (int j = i + 1; j < 3; j++) assertThat(shards.get(i)).doesNotContainAnyElementsOf(shards.get(j));
    }
    Path merged = work.resolve("merged.jsonl");
    CliRun m = CliRun.of("merge", merged.toString(), work.resolve("results/shard-0-of-3.jsonl").toString(),
        work.resolve("results/shard-1-of-3.jsonl").toString(), work.resolve("results/shard-2-of-3.jsonl").toString());
    assertThat(m.code()).as(m.err()).isZero();
    Set<String> mergedKeys = ResultStore.read(List.of(merged)).records().stream().map(ResultRecord::configKey)
        .collect(Collectors.toSet());
    assertThat(mergedKeys).isEqualTo(unshardedGrid());
  }

  /** The whole grid, from planning alone, as `run` plans it. */
  private static List<Plan> unshardedPlans() throws Exception {
    WorkloadBuilder b = new WorkloadBuilder();
    b.models = List.of(LabelledModel.of("demo"));
    b.engines = List.of("calibration");
    b.prompt = List.of(16, 32, 64, 128);
    b.output = List.of(4, 8, 16);
    return new Planner().plan(Grid.expand(b.build(RunCommand.DEFAULTS)));
  }

  private static Set<String> unshardedGrid() throws Exception {
    return unshardedPlans().stream().map(RecordBuilder::configKey).collect(Collectors.toSet());
  }

  private static String tasksOutput(Path work) throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      Path f = work.resolve("task-" + i + ".out");
      if (Files.exists(f)) b.append("\n--- task ").append(i).append(":\n").append(Files.readString(f));
    }
    return b.toString();
  }

  private static String sh(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
    return out;
  }
}
