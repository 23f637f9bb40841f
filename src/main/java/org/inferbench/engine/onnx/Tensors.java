package org.inferbench.engine.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;

/** Input tensors over direct buffers, so ORT reads them in place instead of copying them. */
final class Tensors {
  private Tensors() {}

  static LongBuffer longs(int n) {
    return ByteBuffer.allocateDirect(n * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
  }

  static OnnxTensor int64(OrtEnvironment env, LongBuffer data, long... shape) throws OrtException {
    return OnnxTensor.createTensor(env, data.rewind(), shape);
  }

  static OnnxTensor filled(OrtEnvironment env, long value, int rows, int cols) throws OrtException {
    LongBuffer b = longs(rows * cols);
    for (int i = 0; i < rows * cols; i++) b.put(i, value);
    return int64(env, b, rows, cols);
  }

  /** A zero-length past ([batch, heads, 0, head size]): what a first step with an empty cache reads. */
  static OnnxTensor emptyPast(OrtEnvironment env, OnnxJavaType type, long batch, long heads, long headDim)
      throws OrtException {
    return OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder()),
        new long[] {batch, heads, 0, headDim}, type);
  }

  static OnnxTensor bool(OrtEnvironment env, boolean value) throws OrtException {
    return OnnxTensor.createTensor(env, new boolean[] {value});
  }
}
