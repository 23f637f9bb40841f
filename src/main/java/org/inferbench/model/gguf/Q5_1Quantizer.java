package org.inferbench.model.gguf;

import org.inferbench.core.TensorType;

/**
 * Q5_1: 32 values as {fp16 d; fp16 m; u8 qh[4]; u8 qs[16]}, value = d * q + m, bits placed as in Q5_0
 * (ggml-common.h block_q5_1). Encoding follows ggml-quants.c quantize_row_q5_1_ref: m = min, d = (max - min) / 31.
 */
final class Q5_1Quantizer extends BlockQuantizer {
  Q5_1Quantizer() {
    super(TensorType.Q5_1);
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
    float d = (max - min) / 31;
    float id = d != 0 ? 1.0f / d : 0.0f;
    putScale(y, yo, d);
    putScale(y, yo + 2, min);
    int qh = 0;
    for (int j = 0; j < 16; j++) {
      // the reference does not clamp here; a rounding overshoot to 32 would wrap to 0, so clamp at 31
      int lo = Math.min(31, (int) ((x[xo + j] - min) * id + 0.5f));
      int hi = Math.min(31, (int) ((x[xo + 16 + j] - min) * id + 0.5f));
      y[yo + 8 + j] = (byte) ((lo & 0x0F) | (hi & 0x0F) << 4);
      qh |= (lo >>> 4) << j;
      qh |= (hi >>> 4) << (j + 16);
    }
    Le.put32(y, yo + 4, qh);
  }

  @Override
  void dequantizeBlock(byte[] y, int yo, float[] x, int xo) {
    float d = Le.half(y, yo);
    float m = Le.half(y, yo + 2);
    int qh = Le.i32(y, yo + 4);
    for (int j = 0; j < 16; j++) {
      int b = y[yo + 8 + j] & 0xFF;
      int lo = (b & 0x0F) | ((qh >>> j) & 1) << 4;
      int hi = (b >>> 4) | ((qh >>> (j + 16)) & 1) << 4;
      x[xo + j] = lo * d + m;
      x[xo + 16 + j] = hi * d + m;
    }
  }
}
