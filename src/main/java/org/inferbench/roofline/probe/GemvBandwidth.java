package org.inferbench.roofline.probe;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Memory read bandwidth as ONNX Runtime reaches it on a decode step: a graph of independent MatMuls
 * [1 × K] · [K × N], each weight an fp32 initializer, so one run reads every weight byte once and does almost no
 * arithmetic per byte. This is the access pattern that bounds a decode step, run by the engine's own vectorised,
 * multi-threaded kernels, so it comes closer to the machine's sustained read bandwidth than a loop in Java does.
 * Bandwidth = weight bytes ÷ fastest run.
 */
public final class GemvBandwidth {
  /** Rows of every weight matrix (the activation's width). */
  static final int K = 4096;
  /** Each weight matrix is at most 64 MiB: large tensors that stream, in a graph well under protobuf's 2 GiB. */
  static final int MAX_MATRIX_COLUMNS = 4096;
  private static final int WARM_UP_RUNS = 3;
  private static final int MIN_TIMED_RUNS = 5;

  /**
   * @param bytesPerS weight bytes ÷ fastest run
   * @param weightBytes fp32 weight bytes one run reads
   * @param matrices independent [K × columns] MatMuls in the graph
   * @param runs timed runs
   */
  public record Measurement(double bytesPerS, long weightBytes, int matrices, int k, int columns, int runs) {}

  /** {@code matrices} weights of [K × columns] fp32 each. */
  record Layout(int matrices, int columns) {
    long weightBytes() {
      return 4L * K * columns * matrices;
    }
  }

  private GemvBandwidth() {}

  /** The fewest matrices of at most {@link #MAX_MATRIX_COLUMNS} columns (a multiple of 16) covering the bytes. */
  static Layout layout(long weightBytes) {
    long columnsTotal = weightBytes / (4L * K) / 16 * 16;
    if (columnsTotal < 16) {
      throw new IllegalArgumentException("weightBytes: expected >= " + 4L * K * 16 + ", got " + weightBytes);
    }
    if (columnsTotal > 64L * MAX_MATRIX_COLUMNS) {
      throw new IllegalArgumentException("weightBytes: expected <= 4 GiB, got " + weightBytes);
    }
    int matrices = (int) ((columnsTotal + MAX_MATRIX_COLUMNS - 1) / MAX_MATRIX_COLUMNS);
    return new Layout(matrices, (int) (columnsTotal / matrices / 16 * 16));
  }

  /** Streams about {@code weightBytes} of weights (rounded down to whole 16-column blocks) per timed run. */
  public static Measurement measure(int threads, long weightBytes, long nanosBudget) throws Exception {
    if (threads < 1) throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
    Layout layout = layout(weightBytes);
    int matrices = layout.matrices();
    int columns = layout.columns();
    long bytes = layout.weightBytes();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      // the model bytes become garbage once the session has copied the weights off-heap
      try (OrtSession session = env.createSession(model(matrices, columns), options);
          OnnxTensor a = OnnxTensor.createTensor(env, activation(), new long[] {1, K})) {
        Map<String, OnnxTensor> inputs = Map.of("A", a);
        for (int i = 0; i < WARM_UP_RUNS; i++) {
          try (OrtSession.Result r = session.run(inputs)) {
            // warm-up: first runs allocate, pre-pack and fault in the weight pages
          }
        }
        long fastest = Long.MAX_VALUE;
        long deadline = System.nanoTime() + nanosBudget;
        int runs = 0;
        while (runs < MIN_TIMED_RUNS || System.nanoTime() < deadline) {
          long start = System.nanoTime();
          try (OrtSession.Result r = session.run(inputs)) {
            fastest = Math.min(fastest, System.nanoTime() - start);
          }
          runs++;
          if (runs >= 10_000) break;
        }
        return new Measurement(bytes / (fastest / 1e9), bytes, matrices, K, columns, runs);
      }
    }
  }

  /**
   * The ONNX model: {@code matrices} MatMuls C_i = A · W_i side by side. All the weights are slices of one random
   * array, each shifted by one float, so the model's bytes are the only full-size copy on the heap while every
   * initializer still differs from the others (a runtime must not share one buffer between them).
   */
  static byte[] model(int matrices, int columns) {
    int elemType = OnnxMl.TensorProto.DataType.FLOAT.getNumber();
    int matrixBytes = 4 * K * columns;
    byte[] raw = new byte[matrixBytes + 4 * matrices];
    ByteBuffer floats = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    SplittableRandom random = new SplittableRandom(3);
    // values in [−1, 1): no denormals or zeros a kernel could skip
    for (int i = 0; i < raw.length / 4; i++) floats.putFloat(4 * i, (float) (random.nextDouble() * 2 - 1));
    OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder()
        .setName("gemv_bandwidth_probe")
        .addInput(MatMulPeak.tensor("A", elemType, 1, K));
    for (int m = 0; m < matrices; m++) {
      graph.addInitializer(OnnxMl.TensorProto.newBuilder()
          .setName("W" + m).setDataType(elemType).addDims(K).addDims(columns)
          .setRawData(UnsafeByteOperations.unsafeWrap(raw, 4 * m, matrixBytes)));
      graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("MatMul").setName("gemv" + m)
          .addInput("A").addInput("W" + m).addOutput("C" + m));
      graph.addOutput(MatMulPeak.tensor("C" + m, elemType, 1, columns));
    }
    return OnnxMl.ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("inferbench-probe")
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(graph)
        .build()
        .toByteArray();
  }

  private static FloatBuffer activation() {
    FloatBuffer a = ByteBuffer.allocateDirect(4 * K).order(ByteOrder.nativeOrder()).asFloatBuffer();
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < K; i++) a.put(i, (float) (random.nextDouble() * 2 - 1));
    return a;
  }
}
