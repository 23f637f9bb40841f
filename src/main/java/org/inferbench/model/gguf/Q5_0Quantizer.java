package org.inferbench.model.gguf;

import org.inferbench.core.TensorType;

/**
 * Q5_0: 32 values as {fp16 d; u8 qh[4]; u8 qs[16]}, value = d * (q - 16); the low 4 bits sit in nibbles as in Q4_0
 * and bit j of the little-endian u32 qh is the fifth bit of value j (ggml-common.h block_q5_0, ggml-quants.c
 * dequantize_row_q5_0). Encoding follows quantize_row_q5_0_ref: d = (the value of largest magnitude) / -16.
 */
final class Q5_0Quantizer extends BlockQuantizer {
  Q5_0Quantizer() {
    super(TensorType.Q5_0);
  }

  @Override
  void quantizeBlock(float[] x, int xo, byte[] y, int yo) {
    requireFinite(x, xo, 32);
    float d = largestMagnitude(x, xo, 32) / -16;
    float id = d != 0 ? 1.0f / d : 0.0f;
    putScale(y, yo, d);
    int qh = 0;
    for (int j = 0; j < 16; j++) {
      int lo = Math.min(31, (int) (x[xo + j] * id + 16.5f));
      int hi = Math.min(31, (int) (x[xo + 16 + j] * id + 16.5f));
      y[yo + 6 + j] = (byte) ((lo & 0x0F) | (hi & 0x0F) << 4);
      qh |= (lo >>> 4) << j;
      qh |= (hi >>> 4) << (j + 16);
    }
    Le.put32(y, yo + 2, qh);
  }

  @Override
  void dequantizeBlock(byte[] y, int yo, float[] x, int xo) {
    float d = Le.half(y, yo);
    int qh = Le.i32(y, yo + 2);
    for (int j = 0; j < 16; j++) {
      int b = y[yo + 6 + j] & 0xFF;
      int lo = (b & 0x0F) | ((qh >>> j) & 1) << 4;
      int hi = (b >>> 4) | ((qh >>> (j + 16)) & 1) << 4;
      x[xo + j] = (lo - 16) * d;
      x[xo + 16 + j] = (hi - 16) * d;
    }
  }
}
