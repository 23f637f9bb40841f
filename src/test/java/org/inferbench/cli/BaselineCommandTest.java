package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** baseline save|check on the command line: exit 0 when unchanged, 2 across machines or for an unknown name. */
final class BaselineCommandTest {
  @TempDir
  Path dir;

  private BadInputTest.Outcome run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = InferBenchCommand.execute(args);
      return new BadInputTest.Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void saveThenCheckTheSameResultsIsUnchangedAndOtherMachinesAreRefused() throws Exception {
    Path results = dir.resolve("r.jsonl");
    Path baselines = dir.resolve("baselines");
    assertThat(run("run", "--isolate", "none", "--engine", "calibration", "--model", "b", "--prompt", "16,32",
        "--output", "4", "--engine-opt", "step-us=200", "--runs", "8", "--warmup", "1", "--results", results.toString())
        .code()).isZero();
    assertThat(run("baseline", "save", "main", results.toString(), "--dir", baselines.toString()).code()).isZero();
    assertThat(baselines.resolve("main.jsonl")).exists();

    BadInputTest.Outcome same = run("baseline", "check", "main", results.toString(), "--dir", baselines.toString());
    assertThat(same.code()).as(same.err()).isZero();
    assertThat(same.out()).contains("0 regressed, 0 improved, 2 unchanged, 0 missing");

    BadInputTest.Outcome md = run("baseline", "check", "main", results.toString(), "--dir", baselines.toString(),
        "--format", "markdown");
    assertThat(md.out()).contains("|");

    // the same records as if measured on another machine
    Path other = dir.resolve("other.jsonl");
    List<String> lines = Files.readAllLines(results).stream()
        .map(l -> l.replaceAll("\"env_fingerprint\":\"[0-9a-f]+\"", "\"env_fingerprint\":\"0123456789abcdef\""))
        .toList();
    Files.write(other, lines);
    BadInputTest.Outcome mismatch = run("baseline", "check", "main", other.toString(), "--dir", baselines.toString());
    assertThat(mismatch.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(mismatch.err().strip().lines()).hasSize(1);
    assertThat(run("baseline", "check", "main", other.toString(), "--dir", baselines.toString(),
        "--allow-env-mismatch").code()).isZero();

    BadInputTest.Outcome missing = run("baseline", "check", "nope", results.toString(), "--dir", baselines.toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missing.err()).contains("baseline 'nope': not found");
  }
}
