package org.inferbench.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.inferbench.model.HfConfig;
import org.inferbench.model.Presets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * llama.cpp's own llama-quantize is the referee of InferBench's quantized GGUF files: from the F32 file InferBench
 * writes, llama-quantize (no importance matrix) makes a file of each type InferBench writes, and every tensor of it
 * has the type, shape and bytes of InferBench's own file of that type. The models are tiny but shaped to walk every
 * rule: a llama-3.2-1b shape (grouped KV heads, tied output, llama3 rope factors) whose rows are whole K-blocks, a
 * SmolLM2 shape whose 192-wide rows are not (so the K-quants fall back to Q5_0, Q5_1 and Q8_0), and a GPT-2 (fused
 * qkv, position embeddings, untied output); eight layers, so the layers that get more bits differ from the rest.
 *
 * <p>llama-quantize is found in the directory the system property {@code inferbench.llama.bin} names, else the
 * environment variable {@code INFERBENCH_LLAMA_BIN}.
 */
final class LlamaQuantizeRefereeTest {
  private static final long SEED = 3;
  private static Path quantize;

  @TempDir
  static Path dir;

  @BeforeAll
  static void findLlamaQuantize() {
    String bin = System.getProperty("inferbench.llama.bin");
    String from = "system property inferbench.llama.bin";
    if (bin == null || bin.isBlank()) {
      bin = System.getenv("INFERBENCH_LLAMA_BIN");
      from = "environment variable INFERBENCH_LLAMA_BIN";
    }
    if (bin == null || bin.isBlank()) {
      fail("llama-quantize not found: set the system property inferbench.llama.bin (or the environment variable"
          + " INFERBENCH_LLAMA_BIN) to the bin directory of a llama.cpp build");
    }
    quantize = Path.of(bin).resolve("llama-quantize");
    if (!Files.isExecutable(quantize)) {
      fail(from + " = " + bin + ": expected a llama.cpp bin directory holding an executable llama-quantize");
    }
  }

  static List<String> models() {
    return List.of("llama-3.2-1b-shape", "smollm2-shape", "gpt2-shape");
  }

  static HfConfig config(String name) throws Exception {
    return switch (name) {
      case "llama-3.2-1b-shape" -> Presets.get("llama-3.2-1b").withOverrides(Map.of("hidden_size", "256",
          "intermediate_size", "256", "num_attention_heads", "4", "num_key_value_heads", "1", "num_hidden_layers", "8",
          "vocab_size", "384", "bos_token_id", "1", "eos_token_id", "2"));
      case "smollm2-shape" -> Presets.get("smollm2-135m").withOverrides(Map.of("hidden_size", "192",
          "intermediate_size", "256", "num_attention_heads", "3", "num_key_value_heads", "1", "num_hidden_layers", "8",
          "vocab_size", "320"));
      case "gpt2-shape" -> Presets.get("gpt2").withOverrides(Map.of("n_embd", "256", "n_inner", "256", "n_head", "4",
          "n_layer", "8", "n_positions", "128", "vocab_size", "320", "bos_token_id", "319", "eos_token_id", "319"));
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Each type InferBench writes from the same weights equals llama-quantize's file of that type, tensor by tensor. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void everyFileTypeIsLlamaQuantizesOutputByteForByte(String model) throws Exception {
    HfConfig c = config(model);
    Path f32 = dir.resolve(model + "-f32.gguf");
    GgufModelWriter.write(c, f32, GgufFileType.F32, SEED, model);
    List<String> failures = new ArrayList<>();
    for (GgufFileType type : GgufFileType.values()) {
      if (type == GgufFileType.F32) continue;
      Path ours = dir.resolve(model + "-ours-" + type + ".gguf");
      GgufModelWriter.write(c, ours, type, SEED, model);
      Path theirs = dir.resolve(model + "-llama-quantize-" + type + ".gguf");
      runQuantize(f32, theirs, type);
      String difference = firstDifference(GgufFile.read(theirs), GgufFile.read(ours));
      if (difference != null) failures.add(model + " " + type + ": " + difference);
    }
    assertThat(failures).as("files that differ from llama-quantize's").isEmpty();
  }

  private static void runQuantize(Path in, Path out, GgufFileType type) throws IOException, InterruptedException {
    Path log = out.resolveSibling(out.getFileName() + ".log");
    Process p = new ProcessBuilder(quantize.toString(), in.toString(), out.toString(), type.name(), "1")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("llama-quantize " + type + " did not finish in 120 s; its log: " + log);
    }
    if (p.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log);
      fail("llama-quantize " + type + " exited with " + p.exitValue() + ": "
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
    }
  }

  /** The first way {@code ours} differs from {@code theirs}, or null when every tensor is the same. */
  static String firstDifference(GgufFile theirs, GgufFile ours) throws Exception {
    if (!theirs.get("general.file_type").equals(ours.get("general.file_type"))) {
      return "general.file_type " + ours.get("general.file_type") + ", llama-quantize wrote "
          + theirs.get("general.file_type");
    }
    // the same tensors; llama-quantize orders them its own way (by layer, then name), which no reader depends on
    java.util.Set<String> names = new java.util.TreeSet<>();
    theirs.tensors().forEach(t -> names.add(t.name()));
    java.util.Set<String> mine = new java.util.TreeSet<>();
    ours.tensors().forEach(t -> mine.add(t.name()));
    if (!names.equals(mine)) {
      java.util.Set<String> missing = new java.util.TreeSet<>(names);
      missing.removeAll(mine);
      mine.removeAll(names);
      return "tensors missing " + missing + ", extra " + mine;
    }
    for (TensorInfo t : theirs.tensors()) {
      TensorInfo o = ours.tensor(t.name()).orElseThrow();
      if (o.type() != t.type()) {
        return "tensor " + t.name() + ": type " + o.type() + ", llama-quantize chose " + t.type();
      }
      if (!java.util.Arrays.equals(o.dims(), t.dims())) {
        return "tensor " + t.name() + ": dims " + java.util.Arrays.toString(o.dims()) + ", llama-quantize wrote "
            + java.util.Arrays.toString(t.dims());
      }
      byte[] a = theirs.readTensorBytes(t, Integer.MAX_VALUE);
      byte[] b = ours.readTensorBytes(o, Integer.MAX_VALUE);
      int at = java.util.Arrays.mismatch(a, b);
      if (at >= 0) {
        long differing = 0;
        for (int i = at; i < a.length; i++) if (a[i] != b[i]) differing++;
        return "tensor " + t.name() + " (" + t.type() + "): first differing byte at offset " + at + " (row "
            + at / t.rowBytes() + "), " + differing + " of " + a.length + " bytes differ";
      }
    }
    return null;
  }
}
