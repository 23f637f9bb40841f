package org.inferbench.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.model.Architecture;
import org.inferbench.model.HfConfig;
import org.inferbench.model.synth.OnnxModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model argument resolves to the right files, synthesises once into the cache, and fails in one clear line. */
final class ExportResolverTest {
  @TempDir Path dir;

  private Path tinyGpt2Config() throws Exception {
    Path f = dir.resolve("tiny-gpt2.json");
    Files.writeString(f, """
        {"model_type": "gpt2", "n_embd": 16, "n_head": 2, "n_layer": 2, "n_positions": 32, "vocab_size": 50}""");
    return f;
  }

  @Test
  void synthesisesOnceThenReusesTheCacheEntry() throws Exception {
    ExportResolver r = new ExportResolver(dir.resolve("cache"));
    OnnxExport first = r.resolve("tiny", tinyGpt2Config(), Map.of(), "fp32", "merged", 1);
    assertThat(first.synthesized()).isTrue();
    assertThat(first.layout()).isEqualTo("merged");
    assertThat(first.decoderFiles()).singleElement()
        .satisfies(p -> assertThat(p.getFileName().toString()).isEqualTo("decoder_model_merged.onnx"));
    assertThat(first.tokenizerJson()).exists();
    // the tiny vocabulary packs GPT-2's one special token at the last id
    assertThat(first.specialTokenIds()).containsExactly(49);
    assertThat(first.details()).containsEntry("synthesized", true).containsEntry("layout", "merged");
    FileTime written = Files.getLastModifiedTime(first.decoderFiles().get(0));
    OnnxExport again = r.resolve("tiny", tinyGpt2Config(), Map.of(), "fp32", "merged", 1);
    assertThat(again.dir()).isEqualTo(first.dir());
    assertThat(Files.getLastModifiedTime(again.decoderFiles().get(0))).isEqualTo(written);
    try (var entries = Files.list(dir.resolve("cache"))) {
      assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".partial"));
    }
    // another seed, dtype or override is another entry
    OnnxExport other = r.resolve("tiny", tinyGpt2Config(), Map.of("n_layer", "1"), "fp32", "merged", 1);
    assertThat(other.dir()).isNotEqualTo(first.dir());
    assertThat(other.config().layers()).isEqualTo(1);
    assertThat(r.resolve("tiny", tinyGpt2Config(), Map.of(), "int8", "merged", 1).decoderFiles().get(0)
        .getFileName().toString()).isEqualTo("decoder_model_merged_quantized.onnx");
  }

  @Test
  void loadsAnExportDirectoryFallingBackToTheLayoutItHas() throws Exception {
    Path export = dir.resolve("export");
    OnnxModelWriter.write(HfConfig.read(tinyGpt2Config()), export, "fp32", "split", 2);
    OnnxExport m = new ExportResolver(dir.resolve("cache")).resolve(export.toString(), null, Map.of(), "fp32",
        "single", 0);
    assertThat(m.synthesized()).isFalse();
    assertThat(m.layout()).isEqualTo("split");
    assertThat(m.decoderFiles()).hasSize(2);
    assertThat(m.architecture()).isEqualTo(Architecture.GPT2);
  }

  @Test
  void directoryWithoutConfigAsksForModelConfig() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> new ExportResolver(dir).resolve(empty.toString(), null, Map.of(), "fp32", "single", 0))
        .isInstanceOf(BadInputException.class).hasMessageContaining("config.json")
        .hasMessageContaining("--model-config").hasMessageNotContaining("\n");
  }

  @Test
  void directoryThatIsNoExportSaysWhatItLookedFor() throws Exception {
    Path d = Files.createDirectories(dir.resolve("notexport"));
    Files.copy(tinyGpt2Config(), d.resolve("config.json"));
    assertThatThrownBy(() -> new ExportResolver(dir).resolve(d.toString(), null, Map.of(), "fp16", "single", 0))
        .isInstanceOf(BadInputException.class).hasMessageContaining("onnx/model_fp16.onnx")
        .hasMessageContaining("onnx/decoder_model_merged_fp16.onnx").hasMessageNotContaining("\n");
  }

  @Test
  void configThatDisagreesWithTheGraphIsRefused() throws Exception {
    Path export = dir.resolve("export");
    OnnxModelWriter.write(HfConfig.read(tinyGpt2Config()), export, "fp32", "single", 2);
    Path wrong = dir.resolve("wrong.json");
    Files.writeString(wrong, Files.readString(tinyGpt2Config()).replace("\"n_layer\": 2", "\"n_layer\": 3"));
    assertThatThrownBy(() -> new ExportResolver(dir).resolve(export.toString(), wrong, Map.of(), "fp32", "single", 0))
        .isInstanceOf(BadInputException.class).hasMessageContaining("2 layers").hasMessageContaining("3")
        .hasMessageNotContaining("\n");
    Path heads = dir.resolve("heads.json");
    Files.writeString(heads, Files.readString(tinyGpt2Config()).replace("\"n_head\": 2", "\"n_head\": 4"));
    assertThatThrownBy(() -> new ExportResolver(dir).resolve(export.toString(), heads, Map.of(), "fp32", "single", 0))
        .isInstanceOf(BadInputException.class).hasMessageContaining("heads 2").hasMessageNotContaining("\n");
  }

  @Test
  void unknownNamesAndBadOptionsAreOneLine() throws Exception {
    ExportResolver r = new ExportResolver(dir);
    assertThatThrownBy(() -> r.resolve("no-such-model", null, Map.of(), "fp32", "single", 0))
        .isInstanceOf(BadInputException.class).hasMessageContaining("t5-small").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> r.resolve("gpt2", null, Map.of("depth", "3"), "fp32", "single", 0))
        .isInstanceOf(BadInputException.class).hasMessageContaining("depth").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> r.resolve("gpt2", null, Map.of(), "bf16", "single", 0))
        .isInstanceOf(BadInputException.class).hasMessageContaining("bf16").hasMessageNotContaining("\n");
    Path unknown = dir.resolve("mistral.json");
    Files.writeString(unknown, "{\"model_type\": \"mistral\"}");
    assertThatThrownBy(() -> r.resolve("x", unknown, Map.of(), "fp32", "single", 0))
        .isInstanceOf(BadInputException.class).hasMessageContaining("known: gpt2, bert, modernbert, t5, llama");
  }
}
