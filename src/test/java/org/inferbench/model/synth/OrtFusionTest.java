package org.inferbench.model.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.inferbench.model.HfConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graphs use the exporter's patterns, so ONNX Runtime's graph optimiser fuses them as it fuses real exports:
 * GELU forms into FastGelu/BiasGelu/Gelu, T5's RMS norm into SimplifiedLayerNormalization, and the int8
 * dynamic-quantisation pattern into DynamicQuantizeMatMul.
 */
final class OrtFusionTest {
  @TempDir Path dir;

  @Test
  void gpt2GeluNewBecomesFastGelu() throws Exception {
    assertThat(optimisedOps(TinyConfigs.gpt2(), "fp32")).contains("FastGelu").doesNotContain("Tanh", "Pow");
  }

  @Test
  void bertErfGeluIsFused() throws Exception {
    assertThat(optimisedOps(TinyConfigs.bert(), "fp32")).containsAnyOf("BiasGelu", "Gelu").doesNotContain("Erf");
  }

  @Test
  void t5RmsNormBecomesSimplifiedLayerNormalization() throws Exception {
    assertThat(optimisedOps(TinyConfigs.t5(), "fp32")).contains("SimplifiedLayerNormalization")
        .doesNotContain("Sqrt", "ReduceMean");
  }

  @Test
  void int8MatMulsBecomeDynamicQuantizeMatMul() throws Exception {
    assertThat(optimisedOps(TinyConfigs.gpt2(), "int8")).contains("DynamicQuantizeMatMul")
        .doesNotContain("MatMulInteger");
  }

  /** Op types of the first file after ONNX Runtime's full graph optimisation. */
  private Set<String> optimisedOps(HfConfig c, String dtype) throws Exception {
    Path f = OnnxModelWriter.write(c, dir, dtype, "single", 1).get(0);
    Path optimised = dir.resolve("optimised.onnx");
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      o.setOptimizedModelFilePath(optimised.toString());
      Onnx.ENV.createSession(f.toString(), o).close();
    }
    return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(optimised)).getGraph().getNodeList().stream()
        .map(OnnxMl.NodeProto::getOpType).collect(Collectors.toSet());
  }
}
