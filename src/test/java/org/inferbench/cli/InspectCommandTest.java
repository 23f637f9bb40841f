package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * inspect describes GGUF files and ONNX export directories without running them, shows where a file type comes from
 * and the fallback types of a quantized file, and refuses anything else in one line with exit code 2.
 */
final class InspectCommandTest {
  @TempDir Path dir;

  @Test
  void describesAGgufFileWithItsTensorTypesAndBytesPerToken() {
    Path out = dir.resolve("smol");
    assertThat(CliRun.of("synth", "smollm2-135m", "--model-format", "gguf", "--dtype", "Q4_K_M", "--out",
        out.toString(), "--model-opt", "num_hidden_layers=2").code()).isZero();
    CliRun r = CliRun.of("inspect", out.resolve("model-q4_k_m.gguf").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("gguf", "llama", "35,392,320", "8192", "Q4_K_M")
        // SmolLM2's 576-wide rows fall back from K-quants to 32-element types: the histogram shows it
        .contains("Q5_0", "Q8_0", "Q4_K", "Q6_K", "F32", "weight bytes read per decoded token",
            "lm_head tied to token_embd");
  }

  @Test
  void readsTheFileTypeFromTheNameWhenTheMetadataLacksIt() throws Exception {
    Path out = dir.resolve("tiny");
    CliRun.of("synth", "llama-tiny", "--model-format", "gguf", "--dtype", "Q8_0", "--out", out.toString());
    byte[] bytes = Files.readAllBytes(out.resolve("model-q8_0.gguf"));
    // rename general.file_type to a key nobody reads (same length, so every offset stays)
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
        .replace("general.file_type", "general.file_tipe");
    Path renamed = dir.resolve("tinyllama.Q8_0.gguf");
    Files.write(renamed, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    CliRun r = CliRun.of("inspect", renamed.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Q8_0 (from the file name)");
  }

  @Test
  void describesAnOnnxExportDirectory() {
    Path out = dir.resolve("gpt2");
    assertThat(CliRun.of("synth", "distilgpt2", "--out", out.toString(), "--model-opt", "n_layer=1").code())
        .isZero();
    CliRun r = CliRun.of("inspect", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("onnx", "gpt2", "fp32", "1024");
  }

  @Test
  void anythingElseIsOneLineAndExitTwo() throws Exception {
    Path junk = dir.resolve("junk.gguf");
    Files.writeString(junk, "not a model");
    for (String p : new String[] {junk.toString(), dir.toString(), dir.resolve("missing").toString()}) {
      CliRun r = CliRun.of("inspect", p);
      assertThat(r.code()).as(p).isEqualTo(2);
      assertThat(r.err().strip()).as(p).doesNotContain("\n").startsWith("inferbench: ");
    }
  }
}
