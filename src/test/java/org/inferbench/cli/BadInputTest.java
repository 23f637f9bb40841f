package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input is refused before anything is measured: one line naming the field, exit code 2, nothing written. */
final class BadInputTest {
  @TempDir
  Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private CliRun runCalibration(String... extra) {
    List<String> args = new ArrayList<>(List.of("run", "--isolate", "none", "--engine", "calibration", "--model", "m",
        "--runs", "1", "--warmup", "0", "--results", dir.resolve("r.jsonl").toString()));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--prompt 0                         | prompt: expected a positive integer, got '0'",
      "--prompt -5                        | prompt: expected a positive integer, got '-5'",
      "--prompt abc                       | prompt: expected a positive integer, got 'abc'",
      "--batch 0                          | batch: expected a positive integer",
      "--output 0                         | output: a decoder model needs at least 1 output token",
      "--engine-opt nope=1                | --engine-opt nope: engine 'calibration' has no such setting",
      "--engine-opt step-us=fast          | step-us: expected a non-negative number, got 'fast'",
      "--engine-opt shape=lstm            | shape: expected one of decoder|encoder|encoder-decoder",
      "--engine-opt max-positions=100 --prompt 90 --output 20 | prompt + output (90 + 20) exceeds m's maximum positions (100)",
      "--engine-opt shape=encoder-decoder --engine-opt max-positions=100 --prompt 120 --output 20 | prompt (120) exceeds m's maximum positions (100)",
      "--order random                     | order: expected sequential, interleaved or shuffled",
      "--headline speed                   | headline: unknown metric 'speed'",
      "--case 12                          | case: expected PROMPT:OUTPUT",
      "--length-dist wide                 | --length-dist: expected fixed, uniform:R (vLLM's range ratio, R in [0, 1))",
      "--length-dist uniform:1.5          | --length-dist: expected uniform:R with R in [0, 1) (vLLM's range ratio), got 'uniform:1.5'",
      "--engine-opt max-positions=100 --prompt 64 --output 16 --length-dist uniform:0.5 | prompt + output (96 + 24, the longest request under uniform:0.5) exceeds m's maximum positions (100)",
  })
  void refusesWithOneLineAndExit2(String args, String expected) throws Exception {
    CliRun o = runCalibration(args.trim().split("\\s+"));
    assertThat(o.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(o.err()).contains(expected);
    assertThat(o.err().strip().lines()).hasSize(1);
    assertThat(dir.resolve("r.jsonl")).doesNotExist();
  }

  @Test
  void caseTakesACommaListLikeEveryListFlag() {
    CliRun o = runCalibration("--case", "8:4,16:2", "--case", "32:1", "--dry-run");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("m calibration b1 p8 o4").contains("m calibration b1 p16 o2")
        .contains("m calibration b1 p32 o1").contains("3 configurations");
  }

  @Test
  void anEncoderDecoderGivesPromptAndOutputTheirOwnPositions() {
    CliRun o = runCalibration("--engine-opt", "shape=encoder-decoder", "--engine-opt", "max-positions=100",
        "--prompt", "90", "--output", "20", "--dry-run");
    assertThat(o.code()).as(o.err()).isZero();
  }

  @Test
  void aBadRequestFileLineIsOneLineNamingFileLineAndField() throws Exception {
    Path requests = dir.resolve("recorded.jsonl");
    Files.writeString(requests, "{\"prompt\": \"hello\", \"output_tokens\": 4}\n{\"prompt\": \"hi\", \"output_tokens\": \"many\"}\n");
    CliRun o = runCalibration("--request-file", requests.toString());
    assertThat(o.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(o.err().strip()).isEqualTo("inferbench: " + requests + ":2: output_tokens: expected a positive integer,"
        + " got \"many\"");
    assertThat(dir.resolve("r.jsonl")).doesNotExist();
    CliRun both = runCalibration("--request-file", requests.toString(), "--prompt", "8");
    assertThat(both.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(both.err()).contains("request-file: the file gives each request's prompt and output");
  }

  @Test
  void aRequestFileIsPlannedAtItsMeanLengths() throws Exception {
    Path requests = dir.resolve("recorded.jsonl");
    Files.writeString(requests, "{\"prompt_tokens\": 10, \"output_tokens\": 4}\n{\"prompt_tokens\": 30, \"output_tokens\": 2}\n");
    CliRun o = runCalibration("--request-file", requests.toString(), "--dry-run");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("m calibration b1 p20 o3 requests:recorded.jsonl");
  }

  @Test
  void unknownEngine() {
    CliRun o = run("run", "--engine", "tensorflow", "--results", dir.resolve("r.jsonl").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("--engine: unknown engine 'tensorflow'");
  }

  @Test
  void unwritableResultsPath() throws Exception {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    CliRun o = run("run", "--isolate", "none", "--engine", "calibration", "--runs", "1",
        "--results", blocker.resolve("r.jsonl").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("--results").contains("not writable");
  }

  @Test
  void malformedYamlNamesTheLine() throws Exception {
    Path yaml = dir.resolve("w.yaml");
    Files.writeString(yaml, "engine: calibration\nprompt: [1, 2\nruns: 3\n");
    CliRun o = run("run", "-c", yaml.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains(yaml + ":").contains("malformed YAML");
  }

  @Test
  void unknownYamlKeyNamesKeyAndLine() throws Exception {
    Path yaml = dir.resolve("w.yaml");
    Files.writeString(yaml, "engine: calibration\nprompts: [1, 2]\n");
    CliRun o = run("run", "-c", yaml.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains(yaml + ":2: unknown key 'prompts'");
  }

  @Test
  void flagsOverrideTheFile() throws Exception {
    Path yaml = dir.resolve("w.yaml");
    Files.writeString(yaml, """
        # a workload file: the same keys as the long flags
        model: m
        engine: calibration
        engine-opts:
          step-us: 500
          prefill-us-per-token: [10, 20]
        prompt: 16
        output: 4
        runs: 2
        warmup: 0
        isolate: none
        """);
    CliRun o = run("run", "-c", yaml.toString(), "--prompt", "8", "--dry-run");
    assertThat(o.code()).isZero();
    assertThat(o.out()).contains("m calibration b1 p8 o4 prefill-us-per-token=10 step-us=500")
        .contains("m calibration b1 p8 o4 prefill-us-per-token=20 step-us=500").contains("2 configurations");
  }

  @Test
  void runtimeFailureIsRecordedAndTheRestContinueWithExit3() throws Exception {
    CliRun o = runCalibration("--prompt", "4,8,12", "--output", "2", "--engine-opt", "fail-at-prompt=8");
    assertThat(o.code()).isEqualTo(ExitCodes.SOME_FAILED);
    List<String> lines = Files.readAllLines(dir.resolve("r.jsonl"));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains("\"status\":\"failed\"").contains("configured to fail at prompt 8");
    assertThat(lines.get(0)).contains("\"status\":\"ok\"");
    assertThat(lines.get(2)).contains("\"status\":\"ok\"");
  }
}
