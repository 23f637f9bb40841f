package org.inferbench.roofline.probe;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Peak fp32 matrix-multiply throughput through ONNX Runtime: a one-node MatMul graph per shape, the weight an
 * initializer (so the runtime may pre-pack it, as it does for a model's weights), run with the benchmark's thread
 * settings. The fastest run of each shape gives its FLOP/s; the best shape is the peak.
 */
public final class MatMulPeak {
  /** [m × k] × [k × n]: 2·m·k·n FLOPs. */
  public record Shape(int m, int k, int n) {
    public long flops() {
      return 2L * m * k * n;
    }

    public String label() {
      return m + "x" + k + "x" + n;
    }
  }

  /** A GPT-2-small layer at 128 tokens: attention projection, FFN up, FFN down; and a wider prefill. */
  public static final List<Shape> TRANSFORMER_SHAPES = List.of(
      new Shape(128, 768, 768), new Shape(128, 768, 3072), new Shape(128, 3072, 768), new Shape(512, 768, 768));

  /** @param flopsPerS best over the shapes; @param perShape best FLOP/s of each shape by label */
  public record Measurement(double flopsPerS, Map<String, Double> perShape) {}

  private MatMulPeak() {}

  public static Measurement measure(int threads, List<Shape> shapes, long nanosPerShape) throws Exception {
    if (threads < 1) throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, Double> perShape = new LinkedHashMap<>();
    double best = 0;
    for (Shape shape : shapes) {
      double rate = measureShape(env, threads, shape, nanosPerShape);
      perShape.put(shape.label(), rate);
      best = Math.max(best, rate);
    }
    return new Measurement(best, perShape);
  }

  private static double measureShape(OrtEnvironment env, int threads, Shape shape, long nanosBudget)
      throws Exception {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      try (OrtSession session = env.createSession(model(shape), options);
          OnnxTensor a = OnnxTensor.createTensor(env, randomFloats(shape.m() * shape.k(), 1),
              new long[] {shape.m(), shape.k()})) {
        Map<String, OnnxTensor> inputs = Map.of("A", a);
        for (int i = 0; i < 3; i++) {
          try (OrtSession.Result r = session.run(inputs)) {
            // warm-up: first runs allocate and pre-pack
          }
        }
        long fastest = Long.MAX_VALUE;
        long deadline = System.nanoTime() + nanosBudget;
        int runs = 0;
        while (runs < 5 || System.nanoTime() < deadline) {
          long start = System.nanoTime();
          try (OrtSession.Result r = session.run(inputs)) {
            fastest = Math.min(fastest, System.nanoTime() - start);
          }
          runs++;
          if (runs >= 10_000) break;
        }
        return shape.flops() / (fastest / 1e9);
      }
    }
  }

  /** The ONNX model C = A · W with W a random initializer. */
  static byte[] model(Shape shape) {
    int elemType = OnnxMl.TensorProto.DataType.FLOAT.getNumber();
    FloatBuffer weights = randomFloats(shape.k() * shape.n(), 2);
    ByteBuffer raw = ByteBuffer.allocate(weights.capacity() * 4).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(weights);
    OnnxMl.TensorProto w = OnnxMl.TensorProto.newBuilder()
        .setName("W").setDataType(elemType).addDims(shape.k()).addDims(shape.n())
        .setRawData(ByteString.copyFrom(raw.array()))
        .build();
    OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder()
        .setName("matmul_probe")
        .addNode(OnnxMl.NodeProto.newBuilder().setOpType("MatMul").setName("matmul")
            .addInput("A").addInput("W").addOutput("C"))
        .addInitializer(w)
        .addInput(tensor("A", elemType, shape.m(), shape.k()))
        .addOutput(tensor("C", elemType, shape.m(), shape.n()))
        .build();
    return OnnxMl.ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("inferbench-probe")
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(graph)
        .build()
        .toByteArray();
  }

  static OnnxMl.ValueInfoProto tensor(String name, int elemType, long rows, long cols) {
    OnnxMl.TensorShapeProto.Builder dims = OnnxMl.TensorShapeProto.newBuilder()
        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(rows))
        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(cols));
    return OnnxMl.ValueInfoProto.newBuilder()
        .setName(name)
        .setType(OnnxMl.TypeProto.newBuilder().setTensorType(
            OnnxMl.TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(dims)))
        .build();
  }

  /** Values in [−1, 1): no denormals or zeros that a kernel could skip. */
  private static FloatBuffer randomFloats(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    FloatBuffer buffer = ByteBuffer.allocateDirect(count * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    for (int i = 0; i < count; i++) buffer.put(i, (float) (random.nextDouble() * 2 - 1));
    return buffer;
  }
}
