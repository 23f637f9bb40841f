package org.inferbench.model.gguf;

import org.inferbench.core.TensorType;

/**
 * Q4_1: 32 values as {fp16 d; fp16 m; u8 qs[16]}, value = d * q + m, nibbles ordered as in Q4_0 (ggml-common.h
 * block_q4_1). Encoding follows ggml-quants.c quantize_row_q4_1_ref: m = min, d = (max - min) / 15.
 */
final class Q4_1Quantizer extends BlockQuantizer {
  Q4_1Quantizer() {
    super(TensorType.Q4_1);
  }

  @Override
  void quantizeBlock(float[] x, int xo, byte[] y, int yo) {
    requireFinite(x, xo, 32);
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (int j = 0; j < 32; j++) {
      // plain comparisons as the reference makes them: Math.min would prefer -0.0 to an earlier 0.0 (fp16 sign bit)
      float v = x[xo + j];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    float d = (max - min) / 15;
    float id = d != 0 ? 1.0f / d : 0.0f;
    putScale(y, yo, d);
    putScale(y, yo + 2, min);
    for (int j = 0; j < 16; j++) {
      int lo = Math.min(15, (int) ((x[xo + j] - min) * id + 0.5f));
      int hi = Math.min(15, (int) ((x[xo + 16 + j] - min) * id + 0.5f));
      y[yo + 4 + j] = (byte) (lo | hi << 4);
    }
  }

  @Override
  void dequantizeBlock(byte[] y, int yo, float[] x, int xo) {
    float d = Le.half(y, yo);
    float m = Le.half(y, yo + 2);
    for (int j = 0; j < 16; j++) {
      int b = y[yo + 4 + j] & 0xFF;
      x[xo + j] = (b & 0x0F) * d + m;
      x[xo + 16 + j] = (b >>> 4) * d + m;
    }
  }
}
