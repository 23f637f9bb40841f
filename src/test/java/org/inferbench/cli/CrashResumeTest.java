package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.inferbench.results.Json;
import org.inferbench.results.ResultRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL — between lines and in the middle of one — keeps every finished line, and --resume
 * then measures exactly the configurations that are missing.
 */
final class CrashResumeTest {
  private static final int CONFIGURATIONS = 12;

  @TempDir
  Path dir;

  @Test
  void sigkillKeepsFinishedLinesAndResumeCompletesTheRest() throws Exception {
    Path results = dir.resolve("results.jsonl");
    // 1. Killed between lines once a few configurations are done.
    Process first = start(results, false, null);
    waitFor(() -> completeLines(results) >= 3, first);
    first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    List<ResultRecord> afterFirst = parseAll(results);
    assertThat(afterFirst).hasSizeGreaterThanOrEqualTo(3).hasSizeLessThan(CONFIGURATIONS);

    // 2. Resumed, then killed while the second record of this invocation is half written.
    Process second = start(results, true, "2");
    waitFor(() -> endsMidLine(results), second);
    second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertThat(endsMidLine(results)).isTrue();

    // 3. Resumed to the end: the half line is set aside, every kept line parses, each configuration once.
    Process third = start(results, true, null);
    assertThat(third.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(third.exitValue()).as(new String(third.getErrorStream().readAllBytes())).isZero();
    List<ResultRecord> all = parseAll(results);
    Map<String, Integer> perKey = new HashMap<>();
    for (ResultRecord r : all) perKey.merge(r.configKey(), 1, Integer::sum);
    assertThat(perKey).hasSize(CONFIGURATIONS);
    assertThat(perKey.values()).containsOnly(1);
    assertThat(all).allMatch(ResultRecord::ok);
    try (var side = Files.list(dir)) {
      assertThat(side.filter(p -> p.getFileName().toString().startsWith("results.jsonl.partial"))).hasSize(1);
    }
  }

  private Process start(Path results, boolean resume, String stallAt) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (stallAt != null) cmd.add("-D" + MidLineStall.PROPERTY + "=" + stallAt);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
        "--isolate", "none", "--engine", "calibration", "--model", "crash",
        "--engine-opt", "step-us=1000", "--engine-opt", "prefill-us-per-token=10",
        "--prompt", "10,20,30,40,50,60,70,80,90,100,110,120", "--output", "30",
        "--warmup", "0", "--runs", "4", "--results", results.toString()));
    if (resume) cmd.add("--resume");
    return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static void waitFor(java.util.concurrent.Callable<Boolean> condition, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.call()) {
      assertThat(p.isAlive()).as("process ended before the condition held").isTrue();
      assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private static long completeLines(Path f) throws IOException {
    if (!Files.exists(f)) return 0;
    String s = Files.readString(f);
    return s.chars().filter(c -> c == '\n').count();
  }

  private static boolean endsMidLine(Path f) throws IOException {
    if (!Files.exists(f)) return false;
    byte[] b = Files.readAllBytes(f);
    return b.length > 0 && b[b.length - 1] != '\n';
  }

  private static List<ResultRecord> parseAll(Path f) throws IOException {
    List<ResultRecord> out = new ArrayList<>();
    String s = Files.readString(f);
    int end = s.lastIndexOf('\n');
    for (String line : s.substring(0, end + 1).split("\n")) {
      if (!line.isBlank()) out.add(Json.mapper().readValue(line, ResultRecord.class));
    }
    return out;
  }

}
