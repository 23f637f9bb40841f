package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** baseline save|check on the command line: exit 0 when unchanged, 2 across machines or for an unknown name. */
final class BaselineCommandTest {
  @TempDir
  Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
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

    CliRun same = run("baseline", "check", "main", results.toString(), "--dir", baselines.toString());
    assertThat(same.code()).as(same.err()).isZero();
    assertThat(same.out()).contains("0 regressed, 0 improved, 2 unchanged, 0 missing");

    CliRun md = run("baseline", "check", "main", results.toString(), "--dir", baselines.toString(),
        "--format", "markdown");
    assertThat(md.out()).contains("|");

    // the same records as if measured on another machine
    Path other = dir.resolve("other.jsonl");
    List<String> lines = Files.readAllLines(results).stream()
        .map(l -> l.replaceAll("\"env_fingerprint\":\"[0-9a-f]+\"", "\"env_fingerprint\":\"0123456789abcdef\""))
        .toList();
    Files.write(other, lines);
    CliRun mismatch = run("baseline", "check", "main", other.toString(), "--dir", baselines.toString());
    assertThat(mismatch.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(mismatch.err().strip().lines()).hasSize(1);
    assertThat(run("baseline", "check", "main", other.toString(), "--dir", baselines.toString(),
        "--allow-env-mismatch").code()).isZero();

    CliRun missing = run("baseline", "check", "nope", results.toString(), "--dir", baselines.toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missing.err()).contains("baseline 'nope': not found");
  }
}
