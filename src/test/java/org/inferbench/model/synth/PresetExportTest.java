package org.inferbench.model.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.inferbench.model.HfConfig;
import org.inferbench.model.Presets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every preset exports at full size, passes the ONNX checker and loads in ONNX Runtime with the inputs and outputs
 * of an Optimum export (numerics are covered on tiny configs by the fidelity tests).
 */
@Tag("full-size") // writes models at their real size: left out of ./run-tests --quick
final class PresetExportTest {
  @TempDir Path dir;

  @Test
  void gpt2() throws Exception {
    check("gpt2", "single");
  }

  @Test
  void gpt2Medium() throws Exception {
    check("gpt2-medium", "merged");
  }

  /** Over 2 GB in fp32: weights go to external data. */
  @Test
  void gpt2Large() throws Exception {
    check("gpt2-large", "single", files -> {
      assertThat(files.get(0).resolveSibling("model.onnx_data")).exists();
      assertThat(Files.size(files.get(0))).isLessThan(10_000_000L);
    });
  }

  @Test
  void distilgpt2() throws Exception {
    check("distilgpt2", "split");
  }

  @Test
  void bertBase() throws Exception {
    check("bert-base-uncased", "single");
  }

  @Test
  void bertLarge() throws Exception {
    check("bert-large-uncased", "single");
  }

  @Test
  void miniLm() throws Exception {
    check("all-MiniLM-L6-v2", "single");
  }

  @Test
  void modernBertBase() throws Exception {
    check("modernbert-base", "single");
  }

  @Test
  void t5Small() throws Exception {
    check("t5-small", "merged");
  }

  @Test
  void t5Base() throws Exception {
    check("t5-base", "split");
  }

  /** The llama family at full size (its 1B presets take minutes to write in fp32: checked by hand, see README). */
  @Test
  void smollm2() throws Exception {
    check("smollm2-135m", "merged");
  }

  interface FileCheck {
    void check(List<Path> files) throws Exception;
  }

  private void check(String preset, String layout) throws Exception {
    check(preset, layout, files -> {});
  }

  private void check(String preset, String layout, FileCheck extra) throws Exception {
    HfConfig c = Presets.get(preset);
    Path out = dir.resolve(preset);
    List<Path> files = OnnxModelWriter.write(c, out, "fp32", layout, 42);
    for (Path f : files) {
      assertThat(Onnx.check(f)).as(f.getFileName().toString()).isEmpty();
      try (OrtSession s = Onnx.session(f)) {
        assertThat(s.getInputNames()).contains("input_ids");
        if (c.architecture().shape().generates() && !f.getFileName().toString().startsWith("encoder")) {
          assertThat(s.getOutputNames()).contains("logits");
          if (!f.getFileName().toString().equals("decoder_model.onnx")) {
            assertThat(s.getInputNames().stream().filter(n -> n.startsWith("past_key_values.")))
                .hasSize(c.layers() * (c.architecture().shape().label().equals("decoder") ? 2 : 4));
          }
        } else {
          assertThat(s.getOutputNames()).containsExactly("last_hidden_state");
        }
      }
    }
    assertThat(out.resolve("tokenizer.json")).exists();
    assertThat(HfConfig.read(out.resolve("config.json"))).isEqualTo(c);
    extra.check(files);
    try (Stream<Path> walk = Files.walk(out)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
