package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.inferbench.run.ShardPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards of one run, merged, are the unsharded run's configurations, each once; every record says where it ran and
 * which split it belongs to; a shard left empty writes an empty file that merge takes; shards of different splits
 * do not merge.
 */
final class ShardMergeTest {
  @TempDir Path dir;

  private CliRun run(String models, String results, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("run", "--isolate", "none", "--engine", "calibration",
        "--model", models, "--engine-opt", "step-us=50", "--prompt", "8,16", "--output", "4", "--warmup", "0",
        "--runs", "2", "--results", dir.resolve(results).toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private Set<String> keys(String file) throws Exception {
    return ResultStore.read(List.of(dir.resolve(file))).records().stream().map(ResultRecord::configKey)
        .collect(Collectors.toSet());
  }

  private List<ResultRecord> records(String file) throws Exception {
    return ResultStore.read(List.of(dir.resolve(file))).records();
  }

  @Test
  void shardsMergeIntoTheWholeRun() throws Exception {
    assertThat(run("a,b,c", "all.jsonl").code()).isZero();
    for (int i = 0; i < 3; i++) assertThat(run("a,b,c", "s" + i + ".jsonl", "--shard", i + "/3").code()).isZero();
    for (int i = 0; i < 3; i++) {
      for (int j = i + 1; j < 3; j++) {
        assertThat(keys("s" + i + ".jsonl")).doesNotContainAnyElementsOf(keys("s" + j + ".jsonl"));
      }
    }
    ResultRecord one = records("s1.jsonl").get(0);
    assertThat(one.environment().extra()).containsEntry("shard", "1/3").containsKey("host")
        .containsEntry("shard_estimates", ShardPlan.REFERENCE_ESTIMATES).containsKey("shard_grid");

    Path merged = dir.resolve("merged.jsonl");
    CliRun m = CliRun.of("merge", merged.toString(), dir.resolve("s0.jsonl").toString(),
        dir.resolve("s1.jsonl").toString(), dir.resolve("s2.jsonl").toString(), dir.resolve("s1.jsonl").toString());
    assertThat(m.code()).as(m.err()).isZero();
    assertThat(m.out()).contains("6 kept", "2 duplicates dropped", "0 conflicts", "shards 0/3 1/3 2/3 of grid");
    assertThat(keys("merged.jsonl")).isEqualTo(keys("all.jsonl")).hasSize(6);
  }

  @Test
  void aOneModelGridIsSplitAndAnEarlierRunsResultsEstimateIt() throws Exception {
    assertThat(run("solo", "earlier.jsonl").code()).isZero();
    String hash = "sha256:" + ShardPlan.sha256(Files.readAllBytes(dir.resolve("earlier.jsonl")));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2; i++) {
      CliRun r = run("solo", "e" + i + ".jsonl", "--shard", i + "/2", "--estimates",
          dir.resolve("earlier.jsonl").toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).contains("shard " + i + "/2: 1 of 2 configurations, 1 model(s)", hash);
      assertThat(records("e" + i + ".jsonl")).singleElement()
          .satisfies(rec -> assertThat(rec.environment().extra()).containsEntry("shard_estimates", hash));
      seen.addAll(keys("e" + i + ".jsonl"));
    }
    assertThat(seen).isEqualTo(keys("earlier.jsonl"));
    // shards split with other estimates are another split: they do not merge with these
    assertThat(run("solo", "ref1.jsonl", "--shard", "1/2").code()).isZero();
    CliRun m = CliRun.of("merge", dir.resolve("m.jsonl").toString(), dir.resolve("e0.jsonl").toString(),
        dir.resolve("ref1.jsonl").toString());
    assertThat(m.code()).isEqualTo(2);
    assertThat(m.err().strip()).contains("ref1.jsonl: a shard of grid", "expected the shards of one split")
        .doesNotContain("\n");
    assertThat(dir.resolve("m.jsonl")).doesNotExist();
  }

  @Test
  void anEmptyShardWritesAnEmptyFileThatMergeTakes() throws Exception {
    CliRun plan = run("solo", "d.jsonl", "--shard", "2/3", "--dry-run");
    assertThat(plan.code()).isZero();
    assertThat(plan.out()).contains("the split between shards", "(none)", "this one");
    assertThat(dir.resolve("d.jsonl")).doesNotExist();

    CliRun empty = run("solo", "s2.jsonl", "--shard", "2/3");
    assertThat(empty.code()).as(empty.err()).isZero();
    assertThat(empty.out()).contains("shard 2/3: nothing to do");
    assertThat(dir.resolve("s2.jsonl")).exists().isEmptyFile();
    for (int i = 0; i < 2; i++) assertThat(run("solo", "s" + i + ".jsonl", "--shard", i + "/3").code()).isZero();
    CliRun m = CliRun.of("merge", dir.resolve("m.jsonl").toString(), dir.resolve("s0.jsonl").toString(),
        dir.resolve("s1.jsonl").toString(), dir.resolve("s2.jsonl").toString());
    assertThat(m.code()).as(m.err()).isZero();
    assertThat(m.out()).contains("(1 empty)", "2 kept", "shards 0/3 1/3 of grid");
  }

  @Test
  void mergeRefusesAnExistingOutputAFileWithoutRecordsAndShardsOfAnotherGrid() throws Exception {
    Path out = Files.writeString(dir.resolve("out.jsonl"), "");
    Path junk = Files.writeString(dir.resolve("junk.jsonl"), "{oops\n");
    CliRun exists = CliRun.of("merge", out.toString(), junk.toString());
    assertThat(exists.code()).isEqualTo(2);
    assertThat(exists.err()).contains("exists");
    CliRun none = CliRun.of("merge", dir.resolve("new.jsonl").toString(), junk.toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err().strip()).contains("no valid result record").doesNotContain("\n");
    assertThat(dir.resolve("new.jsonl")).doesNotExist();

    assertThat(run("a,b", "g0.jsonl", "--shard", "0/2").code()).isZero();
    assertThat(run("a,b,c", "h1.jsonl", "--shard", "1/2").code()).isZero();
    CliRun mixed = CliRun.of("merge", dir.resolve("new.jsonl").toString(), dir.resolve("g0.jsonl").toString(),
        dir.resolve("h1.jsonl").toString());
    assertThat(mixed.code()).isEqualTo(2);
    assertThat(mixed.err().strip()).contains("h1.jsonl", "g0.jsonl", "same grid").doesNotContain("\n");
    assertThat(dir.resolve("new.jsonl")).doesNotExist();
  }
}
