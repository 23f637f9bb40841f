package org.inferbench.model.synth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.inferbench.model.HfConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every family writes in every dtype and layout under transformers.js's file names, passes the ONNX checker and
 * loads; fp16 and int8 files are what their names say and compute nearly what fp32 computes.
 */
final class DtypeLayoutTest {
  private static final long SEED = 9;
  @TempDir Path dir;

  @Test
  void everyFamilyDtypeAndLayoutChecksAndLoads() throws Exception {
    for (HfConfig c : List.of(TinyConfigs.gpt2(), TinyConfigs.llama(), TinyConfigs.bert(), TinyConfigs.modernBert(), TinyConfigs.t5())) {
      for (String layout : OnnxModelWriter.LAYOUTS) {
        for (String dtype : OnnxModelWriter.DTYPES) {
          Path out = dir.resolve(c.architecture() + "-" + layout + "-" + dtype);
          List<Path> files = OnnxModelWriter.write(c, out, dtype, layout, SEED);
          for (Path f : files) {
            assertThat(f.getFileName().toString()).endsWith(OnnxModelWriter.suffix(dtype) + ".onnx");
            assertThat(Onnx.check(f)).as(f.toString()).isEmpty();
            try (OrtSession s = Onnx.session(f)) {
              assertThat(s.getInputNames()).contains("input_ids");
            }
          }
          assertThat(out.resolve("config.json")).exists();
          assertThat(out.resolve("generation_config.json")).exists();
          assertThat(out.resolve("tokenizer_config.json")).exists();
        }
      }
    }
  }

  @Test
  void fp16CacheAndLogitsAreHalfAndCloseToFp32() throws Exception {
    HfConfig c = TinyConfigs.gpt2();
    Path f16 = OnnxModelWriter.write(c, dir.resolve("fp16"), "fp16", "single", SEED).get(0);
    Path f32 = OnnxModelWriter.write(c, dir.resolve("fp32"), "fp32", "single", SEED).get(0);
    try (OrtSession s = Onnx.session(f16)) {
      assertThat(type(s.getInputInfo().get("past_key_values.0.key"))).isEqualTo(OnnxJavaType.FLOAT16);
      assertThat(type(s.getOutputInfo().get("logits"))).isEqualTo(OnnxJavaType.FLOAT16);
      assertThat(type(s.getOutputInfo().get("present.1.value"))).isEqualTo(OnnxJavaType.FLOAT16);
    }
    float[] half = gpt2Prefill(c, f16, OnnxJavaType.FLOAT16);
    float[] full = gpt2Prefill(c, f32, OnnxJavaType.FLOAT);
    assertThat(RefMath.maxAbsDiff(half, full)).isLessThan(0.02 * maxAbs(full) + 1e-3);
    assertThat(initializerTypes(f16)).contains(OnnxMl.TensorProto.DataType.FLOAT16_VALUE)
        .doesNotContain(OnnxMl.TensorProto.DataType.FLOAT_VALUE);
  }

  @Test
  void int8UsesDynamicQuantisationAndStaysClose() throws Exception {
    HfConfig c = TinyConfigs.gpt2();
    Path q = OnnxModelWriter.write(c, dir.resolve("int8"), "int8", "single", SEED).get(0);
    Path f32 = OnnxModelWriter.write(c, dir.resolve("fp32"), "fp32", "single", SEED).get(0);
    OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(q));
    Set<String> ops = model.getGraph().getNodeList().stream().map(OnnxMl.NodeProto::getOpType)
        .collect(Collectors.toSet());
    assertThat(ops).contains("DynamicQuantizeLinear", "MatMulInteger", "Cast").doesNotContain("QLinearMatMul");
    long quantizedMatMuls = model.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("MatMulInteger"))
        .count();
    assertThat(quantizedMatMuls).isEqualTo(4L * c.layers());
    assertThat(initializerTypes(q)).contains(OnnxMl.TensorProto.DataType.INT8_VALUE);
    float[] quant = gpt2Prefill(c, q, OnnxJavaType.FLOAT);
    float[] full = gpt2Prefill(c, f32, OnnxJavaType.FLOAT);
    assertThat(RefMath.maxAbsDiff(quant, full)).isLessThan(0.1 * maxAbs(full));
    assertThat(RefMath.maxAbsDiff(quant, full)).isGreaterThan(0.0);
  }

  private static OnnxJavaType type(NodeInfo info) {
    return ((TensorInfo) info.getInfo()).type;
  }

  private static Set<Integer> initializerTypes(Path f) throws Exception {
    return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(f)).getGraph().getInitializerList().stream()
        .filter(t -> !t.getName().startsWith("const_")).map(OnnxMl.TensorProto::getDataType)
        .collect(Collectors.toSet());
  }

  private static double maxAbs(float[] v) {
    double m = 0;
    for (float x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  /** Prefill logits of a single-layout GPT-2 file whose cache has the given element type. */
  private static float[] gpt2Prefill(HfConfig c, Path file, OnnxJavaType cacheType) throws Exception {
    long[] ids = {4, 8, 15, 16, 23, 42};
    long[] pos = {0, 1, 2, 3, 4, 5};
    long[] mask = {1, 1, 1, 1, 1, 1};
    Map<String, OnnxTensor> in = new HashMap<>();
    in.put("input_ids", Onnx.longs(ids, 1, ids.length));
    in.put("position_ids", Onnx.longs(pos, 1, pos.length));
    in.put("attention_mask", Onnx.longs(mask, 1, mask.length));
    for (int l = 0; l < c.layers(); l++) {
      for (String kv : new String[] {"key", "value"}) {
        in.put("past_key_values." + l + "." + kv, OnnxTensor.createTensor(Onnx.ENV, ByteBuffer.allocateDirect(0),
            new long[] {1, c.heads(), 0, c.headDim()}, cacheType));
      }
    }
    try (OrtSession s = Onnx.session(file)) {
      return Onnx.run(s, in).get("logits").values();
    } finally {
      in.values().forEach(OnnxTensor::close);
    }
  }
}
