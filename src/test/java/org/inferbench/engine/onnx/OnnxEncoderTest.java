package org.inferbench.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.ModelRef;
import org.inferbench.core.ModelShape;
import org.inferbench.engine.Request;
import org.inferbench.measure.RequestTimer;
import org.inferbench.measure.TokenTimeline;
import org.inferbench.registry.EngineRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real all-MiniLM-L6-v2 export runs through the engine as an encoder: one forward pass per request. */
final class OnnxEncoderTest {
  @TempDir static Path tmp;
  static Path dir;
  static final OnnxEngine ENGINE = new OnnxEngine();

  @BeforeAll
  static void layOut() throws Exception {
    dir = MiniLmFixture.layOut(tmp.resolve("all-MiniLM-L6-v2"));
  }

  static EngineSettings settings(Map<String, String> given) {
    return EngineSettings.resolve("onnx", ENGINE.settings(), given);
  }

  /** describe reads config.json only: BERT is an encoder with 512 positions and 30522 tokens. */
  @Test
  void describesFromConfigAlone() throws Exception {
    ModelInfo info = ENGINE.describe(ModelRef.of(dir.toString()), settings(Map.of()));
    assertThat(info.shape()).isEqualTo(ModelShape.ENCODER);
    assertThat(info.maxPositions()).isEqualTo(512);
    assertThat(info.vocabSize()).isEqualTo(30522);
    assertThat(info.details()).containsEntry("layers", 6).containsEntry("hidden", 384);
    assertThat(info.specialTokens()).containsExactly(0, 100, 101, 102, 103);
    assertThatThrownBy(() -> ENGINE.describe(new ModelRef(dir.toString(), null, Map.of("num_hidden_layers", "3")),
        settings(Map.of()))).isInstanceOf(BadInputException.class).hasMessageContaining("num_hidden_layers");
    assertThat(ENGINE.describe(ModelRef.of(dir.toString()), settings(Map.of())).configHash())
        .isEqualTo(info.configHash());
  }

  /** One step runs the forward pass (1 token available), the next reports the request finished. */
  @Test
  void forwardPassThroughTheHarness() throws Exception {
    try (LoadedModel m = EngineRegistry.get("onnx").load(ModelRef.of(dir.toString()),
        settings(Map.of("threads", "1")))) {
      int[] ids = m.tokenizer().encode("hello world");
      assertThat(ids).containsExactly(7592, 2088);
      int[][] prompts = {{101, 7592, 2088, 102}, {101, 7592, 2088, 102}};
      Request request = new Request(prompts, 0, false);
      TokenTimeline t = RequestTimer.time(m, request);
      assertThat(t.tokens()).isEqualTo(1);
      try (var g = ((EncoderModel) m).start(request)) {
        assertThat(g.step()).isEqualTo(1);
        float[][][] out = g.output();
        assertThat(out.length).isEqualTo(2);
        assertThat(out[0].length).isEqualTo(4);
        assertThat(out[0][0].length).isEqualTo(384);
        assertThat(out[1][2]).containsExactly(out[0][2], org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(g.step()).isZero();
      }
      assertThat(m.effectiveSettings()).containsEntry("threads", "1").containsKey("ort-version")
          .containsEntry("layout", "single (encoder)");
      assertThat(m.modelLoadNanos()).isPositive();
      assertThat(m.sessionCreateNanos()).isPositive();
    }
  }

  /** A config.json that disagrees with the graph's hidden size is refused at load, naming the file and the field. */
  @Test
  void configDisagreeingWithGraphIsBadInput() throws Exception {
    Path wrongConfig = tmp.resolve("wrong-config.json");
    Files.writeString(wrongConfig, MiniLmFixture.CONFIG.replace("\"hidden_size\": 384", "\"hidden_size\": 768"));
    ModelRef wrong = new ModelRef(dir.toString(), wrongConfig, Map.of());
    assertThatThrownBy(() -> ENGINE.load(wrong, settings(Map.of())).close())
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("model.onnx").hasMessageContaining("768").hasMessageNotContaining("\n");
  }

  /** A truncated .onnx file fails at load with one line naming the file. */
  @Test
  void truncatedModelIsBadInput() throws Exception {
    Path broken = MiniLmFixture.layOut(tmp.resolve("broken"));
    byte[] all = Files.readAllBytes(broken.resolve("onnx/model.onnx"));
    Files.write(broken.resolve("onnx/model.onnx"), java.util.Arrays.copyOf(all, 4096));
    assertThatThrownBy(() -> ENGINE.load(ModelRef.of(broken.toString()), settings(Map.of())).close())
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("model.onnx").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> ENGINE.load(ModelRef.of(broken.toString()), settings(Map.of("dtype", "fp16"))).close())
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("model_fp16.onnx").hasMessageNotContaining("\n");
  }

  /** CUDA on the CPU-only build is refused up front with one line. */
  @Test
  void cudaWithoutGpuBuildIsBadInput() {
    org.junit.jupiter.api.Assumptions.assumeFalse(ai.onnxruntime.OrtEnvironment.getAvailableProviders()
        .contains(ai.onnxruntime.OrtProvider.CUDA));
    assertThatThrownBy(() -> ENGINE.load(ModelRef.of(dir.toString()), settings(Map.of("device", "cuda"))).close())
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("device=cuda").hasMessageNotContaining("\n");
  }
}
