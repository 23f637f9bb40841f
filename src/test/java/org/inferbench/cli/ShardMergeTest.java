package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shards of one run, merged, are the unsharded run's configurations, each once; every record says where it ran. */
final class ShardMergeTest {
  @TempDir Path dir;

  private CliRun run(String results, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("run", "--isolate", "none", "--engine", "calibration",
        "--model", "a,b,c", "--engine-opt", "step-us=50", "--prompt", "8,16", "--output", "4", "--warmup", "0",
        "--runs", "2", "--results", dir.resolve(results).toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private Set<String> keys(String file) throws Exception {
    return ResultStore.read(List.of(dir.resolve(file))).records().stream().map(ResultRecord::configKey)
        .collect(Collectors.toSet());
  }

  @Test
  void shardsMergeIntoTheWholeRun() throws Exception {
    assertThat(run("all.jsonl").code()).isZero();
    for (int i = 0; i < 3; i++) assertThat(run("s" + i + ".jsonl", "--shard", i + "/3").code()).isZero();
    for (int i = 0; i < 3; i++) {
      for (int j = i + 1; j < 3; j++) assertThat(keys("s" + i + ".jsonl")).doesNotContainAnyElementsOf(keys("s" + j + ".jsonl"));
    }
    ResultRecord one = ResultStore.read(List.of(dir.resolve("s1.jsonl"))).records().get(0);
    assertThat(one.environment().extra()).containsEntry("shard", "1/3").containsKey("host");

    Path merged = dir.resolve("merged.jsonl");
    CliRun m = CliRun.of("merge", merged.toString(), dir.resolve("s0.jsonl").toString(),
        dir.resolve("s1.jsonl").toString(), dir.resolve("s2.jsonl").toString(), dir.resolve("s1.jsonl").toString());
    assertThat(m.code()).as(m.err()).isZero();
    assertThat(m.out()).contains("6 kept", "2 duplicates dropped", "0 conflicts");
    assertThat(keys("merged.jsonl")).isEqualTo(keys("all.jsonl")).hasSize(6);
  }

  @Test
  void mergeRefusesAnExistingOutputAndAFileWithoutRecords() throws Exception {
    Path out = Files.writeString(dir.resolve("out.jsonl"), "");
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    CliRun exists = CliRun.of("merge", out.toString(), empty.toString());
    assertThat(exists.code()).isEqualTo(2);
    assertThat(exists.err()).contains("exists");
    CliRun none = CliRun.of("merge", dir.resolve("new.jsonl").toString(), empty.toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err().strip()).contains("no valid result record").doesNotContain("\n");
    assertThat(dir.resolve("new.jsonl")).doesNotExist();
  }
}
