package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.inferbench.model.synth.OnnxModelWriter;
import org.inferbench.model.HfConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every class — flags, workload files, results files, config.json, model directories, ONNX and GGUF
 * files — is refused before anything is measured: exit 2, one line naming the field, file or line and what was
 * expected, and nothing written.
 */
final class BadInputTableTest {
  private static final String TINY = """
      {"model_type": "gpt2", "n_embd": 32, "n_head": 4, "n_layer": 2, "n_positions": 64, "vocab_size": 97,
       "layer_norm_epsilon": 1e-05, "bos_token_id": 96, "eos_token_id": 96}""";

  @TempDir Path dir;

  /** What a case writes into the directory before running; returns the command line. */
  interface Setup {
    String[] args(Path dir) throws Exception;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        c("flag", "--prompt 0", "prompt: expected a positive integer", d -> calibration(d, "--prompt", "0")),
        c("flag", "unknown setting", "has no such setting", d -> calibration(d, "--engine-opt", "nope=1")),
        c("flag", "--shard out of range", "--shard: expected I/N", d -> calibration(d, "--shard", "3/3")),
        c("flag", "--prompt-file missing", "--prompt-file",
            d -> calibration(d, "--prompt-file", d.resolve("MISSING").toString())),
        c("flag", "--prompt-file for an engine without a tokenizer",
            "--prompt-file: engine calibration has no tokenizer",
            d -> calibration(d, "--prompt-file", write(d, "prompts.txt", "hello\n").toString())),
        c("flag", "synth --out under a regular file", "is a file, not a directory",
            d -> new String[] {"synth", "gpt2", "--out", write(d, "FILE", "x").resolve("gpt2").toString()}),
        c("flag", "--clients without a load", "--clients 2: only for a load", d -> calibration(d, "--clients", "2")),
        c("flag", "--clock-sync unknown", "--clock-sync nope", d -> calibration(d, "--clock-sync", "nope")),
        c("flag", "--estimates missing", "--estimates", d -> calibration(d, "--shard", "0/2", "--estimates",
            d.resolve("absent.jsonl").toString())),
        c("flag", "--estimates not results", "--estimates", d -> calibration(d, "--shard", "0/2", "--estimates",
            write(d, "e.jsonl", "{oops\n").toString())),
        c("workload", "unknown key", "unknown key 'promt'", d -> workload(d, "promt: 128\n")),
        c("workload", "wrong type", "key 'runs'", d -> workload(d, "runs: many\n")),
        c("workload", "not YAML", "w.yaml:1", d -> workload(d, "[unclosed\n")),
        c("results", "missing file", "no such results file", d -> report(d, d.resolve("absent.jsonl"))),
        c("results", "no valid record", "no valid result record", d -> report(d, write(d, "r.jsonl", "{oops\n"))),
        c("results", "unsupported schema", "no valid result record",
            d -> report(d, write(d, "r.jsonl", "{\"schema_version\": 99}\n"))),
        c("config.json", "not JSON", "config.json", d -> modelConfig(d, "{nope")),
        c("config.json", "no model_type", "model_type", d -> modelConfig(d, "{\"n_layer\": 2}")),
        c("config.json", "wrong type", "n_layer", d -> modelConfig(d, TINY.replace("\"n_layer\": 2", "\"n_layer\": \"two\""))),
        c("model dir", "no ONNX file", "not an ONNX export", d -> onnxModel(d, m -> deleteTree(m.resolve("onnx")))),
        c("model dir", "no config.json", "config.json", d -> onnxModel(d, m -> Files.delete(m.resolve("config.json")))),
        c("model dir", "no such directory", "no-such-model", d -> run(d, "--model", d.resolve("no-such-model").toString())),
        c("ONNX file", "truncated", "cannot read as an ONNX model", d -> onnxModel(d, m -> truncate(m.resolve("onnx/model.onnx"), 500))),
        c("ONNX file", "empty", "model.onnx", d -> onnxModel(d, m -> truncate(m.resolve("onnx/model.onnx"), 0))),
        c("ONNX file", "not ONNX", "cannot read as an ONNX model",
            d -> onnxModel(d, m -> Files.writeString(m.resolve("onnx/model.onnx"), "hello, not a model"))),
        c("GGUF file", "not GGUF", "model.gguf", d -> gguf(d, "not a gguf file at all".getBytes())),
        c("GGUF file", "empty", "model.gguf", d -> gguf(d, new byte[0])),
        c("GGUF file", "truncated header", "model.gguf", d -> gguf(d, new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0, 1})));
  }

  private static Arguments c(String kind, String what, String expected, Setup setup) {
    return Arguments.of(kind + ": " + what, expected, setup);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedWithOneLineExit2AndNothingWritten(String name, String expected, Setup setup) throws Exception {
    String[] args = setup.args(dir);
    List<Path> before = list(dir);
    CliRun o = CliRun.of(args);
    assertThat(o.code()).as(name + ": " + o.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(o.err().strip()).as(name).contains(expected).startsWith("inferbench: ");
    assertThat(o.err().strip().lines()).as(name).hasSize(1);
    assertThat(list(dir)).as(name + ": files written").isEqualTo(before);
  }

  /** A disk without room for the records is refused before measuring (a 64 KB tmpfs: needs root to mount). */
  @org.junit.jupiter.api.Test
  void aDiskTooFullForTheRecordsIsFoundBeforeMeasuring() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "mounting a small tmpfs needs root");
    Path small = Files.createDirectories(dir.resolve("small"));
    assertThat(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small.toString()).start()
        .waitFor()).isZero();
    try {
      CliRun o = CliRun.of("run", "--isolate", "none", "--engine", "calibration", "--model", "m", "--prompt",
          "8,16", "--output", "500", "--runs", "200", "--results", small.resolve("r.jsonl").toString());
      assertThat(o.code()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(o.err().strip()).contains("MB free on its disk").doesNotContain("\n");
      try (Stream<Path> s = Files.list(small)) {
        assertThat(s.toList()).isEmpty();
      }
    } finally {
      new ProcessBuilder("umount", small.toString()).start().waitFor();
    }
  }

  private static String[] calibration(Path d, String... extra) {
    List<String> a = new ArrayList<>(List.of("run", "--isolate", "none", "--engine", "calibration", "--model", "m",
        "--runs", "1", "--warmup", "0", "--results", d.resolve("r.jsonl").toString()));
    a.addAll(Arrays.asList(extra));
    return a.toArray(String[]::new);
  }

  private static String[] run(Path d, String... extra) {
    List<String> a = new ArrayList<>(List.of("run", "--runs", "1", "--warmup", "0", "--prompt", "8", "--output", "2",
        "--results", d.resolve("r.jsonl").toString()));
    a.addAll(Arrays.asList(extra));
    return a.toArray(String[]::new);
  }

  private static String[] workload(Path d, String yaml) throws Exception {
    return calibration(d, "-c", write(d, "w.yaml", "model: m\n" + yaml).toString());
  }

  private static String[] report(Path d, Path results) {
    return new String[] {"report", results.toString(), "--out", d.resolve("report").toString()};
  }

  private static String[] modelConfig(Path d, String json) throws Exception {
    return run(d, "--model", "x", "--model-config", write(d, "config.json", json).toString());
  }

  interface ModelChange {
    void apply(Path model) throws Exception;
  }

  private static String[] onnxModel(Path d, ModelChange change) throws Exception {
    Path m = d.resolve("model");
    OnnxModelWriter.write(HfConfig.of(new com.fasterxml.jackson.databind.ObjectMapper().readTree(TINY), "tiny"), m,
        "fp32", "single", 1);
    change.apply(m);
    return run(d, "--model", m.toString());
  }

  private static String[] gguf(Path d, byte[] bytes) throws Exception {
    Path f = d.resolve("model.gguf");
    Files.write(f, bytes);
    return run(d, "--engine", "llamacpp", "--engine-opt", "dtype=F32", "--model", f.toString());
  }

  private static Path write(Path d, String name, String text) throws Exception {
    return Files.writeString(d.resolve(name), text);
  }

  private static void truncate(Path f, int bytes) throws Exception {
    byte[] all = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(all, Math.min(bytes, all.length)));
  }

  private static void deleteTree(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
    }
  }

  private static List<Path> list(Path d) throws Exception {
    try (Stream<Path> s = Files.walk(d)) {
      return s.sorted().toList();
    }
  }
}
