package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.inferbench.results.ResultStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interrupting a run (Ctrl-C is SIGINT, a scheduler's stop SIGTERM) keeps every finished configuration, leaves no
 * worker process behind and exits 128 + the signal's number. Killed outright (SIGKILL: no hooks run), the parent
 * leaves its worker to notice the closed pipe, which it does at the end of the request in hand.
 */
final class SignalTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143", "KILL, 137"})
  void aSignalKeepsFinishedRecordsStopsTheWorkersAndExitsWithItsCode(String signal, int code) throws Exception {
    Path results = dir.resolve("results.jsonl");
    Process run = start(results);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (lines(results) < 1) {
      assertThat(run.isAlive()).as("the run ended before its first record").isTrue();
      assertThat(System.nanoTime()).as("no record within 120 s").isLessThan(deadline);
      Thread.sleep(20);
    }
    // the second configuration's worker is measuring now (each of its requests takes 1.2 s)
    List<ProcessHandle> workers = new ArrayList<>();
    while (workers.isEmpty()) {
      assertThat(run.isAlive()).as("the run ended before a second worker started").isTrue();
      assertThat(System.nanoTime()).as("no second worker within 120 s").isLessThan(deadline);
      run.descendants().filter(ProcessHandle::isAlive).forEach(workers::add); // its only children: workers
      Thread.sleep(20);
    }
    new ProcessBuilder("kill", "-" + signal, Long.toString(run.pid())).start().waitFor();
    assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("the run ended").isTrue();
    assertThat(run.exitValue()).isEqualTo(code);
    for (ProcessHandle w : workers) {
      w.onExit().get(10, TimeUnit.SECONDS);
      assertThat(w.isAlive()).as("worker " + w.pid()).isFalse();
    }
    byte[] bytes = Files.readAllBytes(results);
    assertThat(bytes[bytes.length - 1]).as("no half-written line").isEqualTo((byte) '\n');
    assertThat(ResultStore.read(List.of(results)).records()).isNotEmpty().allMatch(r -> r.ok());
  }

  private static Process start(Path results) throws IOException {
    List<String> cmd = new ArrayList<>();
    // a test run from a background job inherits SIGINT ignored (POSIX shells do that to & jobs), which the JVM
    // keeps: give the run the default action, as a terminal's Ctrl-C finds it
    cmd.addAll(List.of("env", "--default-signal=INT"));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
        "--isolate", "process", "--engine", "calibration", "--model", "signal",
        "--engine-opt", "step-us=400000", "--engine-opt", "prefill-us-per-token=10",
        "--prompt", "10,20,30", "--output", "4", "--warmup", "0", "--runs", "3", "--results", results.toString()));
    return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static long lines(Path f) throws IOException {
    if (!Files.exists(f)) return 0;
    return Files.readString(f).chars().filter(c -> c == '\n').count();
  }
}
