package org.inferbench.model.synth;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The initializers of one ONNX file, declared while the graph is built and materialised only when the file is
 * written, one tensor at a time, so that a 774M-parameter model never sits in memory whole.
 */
final class TensorStore {
  /** One initializer: its raw little-endian bytes are produced on demand. */
  record Tensor(String name, int dataType, long[] dims, long byteSize, Supplier<ByteBuffer> data) {}

  /** A float weight as declared, before conversion to the file's dtype; kept for the reference tests. */
  record Declared(long[] dims, Init init) {}

  private final long seed;
  private final Map<String, Tensor> tensors = new LinkedHashMap<>();
  private final Map<String, Declared> declared = new LinkedHashMap<>();
  private final Map<String, Float> quantScales = new HashMap<>();
  private final Map<String, String> constants = new HashMap<>();

  TensorStore(long seed) {
    this.seed = seed;
  }

  List<Tensor> tensors() {
    return new ArrayList<>(tensors.values());
  }

  Map<String, Declared> declared() {
    return declared;
  }

  long seed() {
    return seed;
  }

  boolean has(String name) {
    return tensors.containsKey(name);
  }

  static long count(long[] dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  /** A float weight stored as float32 or float16. */
  String weight(String name, long[] dims, Init init, int dataType) {
    if (tensors.containsKey(name)) {
      return name;
    }
    declared.put(name, new Declared(dims.clone(), init));
    int n = Math.toIntExact(count(dims));
    boolean half = dataType == DataType.FLOAT16_VALUE;
    tensors.put(name, new Tensor(name, half ? dataType : DataType.FLOAT_VALUE, dims, (half ? 2L : 4L) * n,
        () -> encode(init, name, n, half)));
    return name;
  }

  /**
   * A weight quantised as ONNX Runtime's dynamic quantiser does by default: symmetric per-tensor int8, zero point 0.
   * Returns {quantized, scale, zero point} initializer names.
   */
  String[] quantizedWeight(String name, long[] dims, Init init) {
    String q = name + "_quantized";
    String scale = name + "_scale";
    String zp = name + "_zero_point";
    if (!tensors.containsKey(q)) {
      declared.put(name, new Declared(dims.clone(), init));
      int n = Math.toIntExact(count(dims));
      tensors.put(q, new Tensor(q, DataType.INT8_VALUE, dims, n, () -> {
        float[] v = init.materialise(seed, name, n);
        float s = scaleOf(v);
        quantScales.put(name, s);
        ByteBuffer b = ByteBuffer.allocate(n);
        for (float x : v) {
          b.put((byte) Math.max(-127, Math.min(127, Math.round(x / s))));
        }
        return b.flip();
      }));
      tensors.put(scale, new Tensor(scale, DataType.FLOAT_VALUE, new long[0], 4, () -> {
        Float s = quantScales.computeIfAbsent(name, k -> scaleOf(init.materialise(seed, name, n)));
        return floats(new float[] {s});
      }));
      tensors.put(zp, new Tensor(zp, DataType.INT8_VALUE, new long[0], 1, () -> ByteBuffer.allocate(1)));
    }
    return new String[] {q, scale, zp};
  }

  private static float scaleOf(float[] v) {
    float max = 0;
    for (float x : v) {
      max = Math.max(max, Math.abs(x));
    }
    return max == 0 ? 1f : max / 127f;
  }

  /** An int64 constant, shared by value. */
  String int64(long[] dims, long... values) {
    String key = "i64" + Arrays.toString(dims) + Arrays.toString(values);
    return constants.computeIfAbsent(key, k -> {
      String name = "const_i64_" + constants.size();
      ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      for (long v : values) {
        b.putLong(v);
      }
      byte[] bytes = b.array();
      tensors.put(name, new Tensor(name, DataType.INT64_VALUE, dims, bytes.length, () -> ByteBuffer.wrap(bytes)));
      return name;
    });
  }

  /** A float constant (not a weight) in the given dtype, shared by value. */
  String floatConst(int dataType, long[] dims, float... values) {
    String key = "f" + dataType + Arrays.toString(dims) + Arrays.toString(values);
    return constants.computeIfAbsent(key, k -> {
      String name = "const_f_" + constants.size();
      float[] copy = values.clone();
      boolean half = dataType == DataType.FLOAT16_VALUE;
      tensors.put(name, new Tensor(name, dataType, dims, (half ? 2L : 4L) * copy.length,
          () -> half ? half(copy) : floats(copy)));
      return name;
    });
  }

  /** Generates straight into the little-endian buffer: the largest tensor is held once, not twice. */
  private ByteBuffer encode(Init init, String name, int n, boolean half) {
    if (!(init instanceof Init.Normal normal)) {
      float[] v = init.materialise(seed, name, n);
      return half ? half(v) : floats(v);
    }
    ByteBuffer b = ByteBuffer.allocate((half ? 2 : 4) * n).order(ByteOrder.LITTLE_ENDIAN);
    if (half) {
      SyntheticWeights.fillNormal(seed, name, n, normal.std(), (i, v) -> b.putShort(2 * i, Float.floatToFloat16(v)));
    } else {
      SyntheticWeights.fillNormal(seed, name, n, normal.std(), (i, v) -> b.putFloat(4 * i, v));
    }
    return b;
  }

  static ByteBuffer floats(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b;
  }

  static ByteBuffer half(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < v.length; i++) {
      b.putShort(2 * i, Float.floatToFloat16(v[i]));
    }
    return b;
  }
}
