package org.inferbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Separate processes appending to one results file (a sweep's children) never interleave or lose lines. */
final class ResultStoreProcessesTest {
  @Test
  void childProcessesAppendWholeLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.jsonl");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      children.add(new ProcessBuilder(java, "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
          AppendChild.class.getName(), file.toString(), "25", String.valueOf(i))
          .redirectErrorStream(true).redirectOutput(dir.resolve("child" + i + ".log").toFile()).start());
    }
    for (int i = 0; i < children.size(); i++) {
      assertThat(children.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(children.get(i).exitValue()).as(Files.readString(dir.resolve("child" + i + ".log"))).isZero();
    }
    LoadedResults loaded = ResultStore.read(file);
    assertThat(loaded.errors()).isEmpty();
    assertThat(loaded.records()).hasSize(75);
    assertThat(loaded.records()).extracting(ResultRecord::runId)
        .containsOnly("run-7", "run-8", "run-failed");
  }
}
