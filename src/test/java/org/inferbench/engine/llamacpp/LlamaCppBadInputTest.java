package org.inferbench.engine.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.inferbench.cli.InferBenchCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GGUF file the engine cannot take is refused before anything runs: exit 2, one line naming the file or setting
 * and what was expected, no results file written, and no native code (the run stays in this JVM's planner).
 */
final class LlamaCppBadInputTest {
  @TempDir Path dir;

  private record Outcome(int code, String err) {}

  private Outcome run(Path model, String... extra) {
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      String[] base = {"run", "--model", model.toString(), "--engine", "llamacpp", "--prompt", "16", "--output", "4",
          "--runs", "1", "--results", dir.resolve("results.jsonl").toString()};
      String[] args = Arrays.copyOf(base, base.length + extra.length);
      System.arraycopy(extra, 0, args, base.length, extra.length);
      return new Outcome(InferBenchCommand.execute(args), err.toString(StandardCharsets.UTF_8).strip());
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
  }

  private void refused(Outcome o, String... mentions) {
    assertThat(o.code()).as(o.err()).isEqualTo(2);
    assertThat(o.err()).doesNotContain("\n").startsWith("inferbench: ").contains(mentions);
    assertThat(dir.resolve("results.jsonl")).doesNotExist();
  }

  @Test
  void brokenFilesAndImpossibleSettingsAreOneLineExitTwo() throws Exception {
    Path good = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), TinyLlamaGguf.F16, 3);
    byte[] bytes = Files.readAllBytes(good);

    Path text = Files.writeString(dir.resolve("notes.gguf"), "not a model at all");
    refused(run(text), "notes.gguf");

    Path truncated = Files.write(dir.resolve("truncated.gguf"), Arrays.copyOf(bytes, bytes.length / 2));
    refused(run(truncated), "truncated.gguf");

    byte[] v9 = bytes.clone();
    v9[4] = 9; // the u32 version after the magic
    refused(run(Files.write(dir.resolve("v9.gguf"), v9)), "v9.gguf", "version");

    // same length, so every offset stays: an architecture InferBench and llama.cpp do not describe
    byte[] other = new String(bytes, StandardCharsets.ISO_8859_1).replace("\u0005\u0000\u0000\u0000\u0000\u0000\u0000\u0000llama",
        "\u0005\u0000\u0000\u0000\u0000\u0000\u0000\u0000mamba").getBytes(StandardCharsets.ISO_8859_1);
    refused(run(Files.write(dir.resolve("mamba.gguf"), other)), "mamba");

    // a context longer than the model was trained for
    refused(run(good, "--engine-opt", "ctx-size=" + (2 * TinyLlamaGguf.CONTEXT)), "trained context");
  }
}
