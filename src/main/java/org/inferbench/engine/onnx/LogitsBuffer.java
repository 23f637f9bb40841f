package org.inferbench.engine.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory the logits output is written into (an ORT pinned output), kept for the life of the loaded model so
 * a request neither allocates it nor copies [batch, sequence, vocab] floats onto the Java heap: greedy decoding
 * reads only the last position's row of each sequence, in place.
 */
final class LogitsBuffer {
  private final OnnxJavaType type;
  private final int elementBytes;
  private ByteBuffer buffer = ByteBuffer.allocateDirect(0);
  private int batch;
  private int positions;
  private int vocab;

  LogitsBuffer(OnnxJavaType type) {
    if (type != OnnxJavaType.FLOAT && type != OnnxJavaType.FLOAT16) {
      throw new IllegalArgumentException("logits: expected float or float16 output, got " + type);
    }
    this.type = type;
    this.elementBytes = type == OnnxJavaType.FLOAT ? 4 : 2;
  }

  /** A tensor over this buffer shaped for the coming run; the caller closes the wrapper after the run. */
  OnnxTensor target(OrtEnvironment env, int batch, int positions, int vocab) throws OrtException {
    long bytes = (long) batch * positions * vocab * elementBytes;
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("logits of " + bytes + " bytes do not fit one buffer (batch too large)");
    }
    if (buffer.capacity() < bytes) buffer = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
    this.batch = batch;
    this.positions = positions;
    this.vocab = vocab;
    ByteBuffer slice = buffer.slice(0, (int) bytes).order(ByteOrder.nativeOrder());
    return OnnxTensor.createTensor(env, slice, new long[] {batch, positions, vocab}, type);
  }

  private float at(long index) {
    return type == OnnxJavaType.FLOAT ? buffer.getFloat((int) (index * 4))
        : Fp16Conversions.fp16ToFloat(buffer.getShort((int) (index * 2)));
  }

  /** Greedy choice for sequence b: the argmax of its last position's logits (first index on ties). */
  int argmaxLast(int b) {
    long base = ((long) b * positions + positions - 1) * vocab;
    int best = 0;
    float max = at(base);
    for (int v = 1; v < vocab; v++) {
      float x = at(base + v);
      if (x > max) {
        max = x;
        best = v;
      }
    }
    return best;
  }

  /** Copy of sequence b's last logits row, for checks only. */
  float[] lastRow(int b) {
    long base = ((long) b * positions + positions - 1) * vocab;
    float[] row = new float[vocab];
    for (int v = 0; v < vocab; v++) row[v] = at(base + v);
    return row;
  }

  int batch() {
    return batch;
  }
}
