package org.inferbench.model.gguf;

import org.inferbench.core.TensorType;

/**
 * Q4_0: 32 values as {fp16 d; u8 qs[16]}, value = d * (q - 8); byte j holds value j in its low nibble and value
 * j + 16 in its high nibble (ggml-common.h block_q4_0, ggml-quants.c dequantize_row_q4_0). Encoding follows
 * quantize_row_q4_0_ref: d = (the value of largest magnitude) / -8, so that value maps to q = 0 exactly and the
 * opposite side, which reaches only q = 15, clips at 7 * |d|.
 */
final class Q4_0Quantizer extends BlockQuantizer {
  Q4_0Quantizer() {
    super(TensorType.Q4_0);
  }

  @Override
  void quantizeBlock(float[] x, int xo, byte[] y, int yo) {
    requireFinite(x, xo, 32);
    float d = largestMagnitude(x, xo, 32) / -8;
    float id = d != 0 ? 1.0f / d : 0.0f;
    putScale(y, yo, d);
    for (int j = 0; j < 16; j++) {
      int lo = Math.min(15, (int) (x[xo + j] * id + 8.5f));
      int hi = Math.min(15, (int) (x[xo + 16 + j] * id + 8.5f));
      y[yo + 2 + j] = (byte) (lo | hi << 4);
    }
  }

  @Override
  void dequantizeBlock(byte[] y, int yo, float[] x, int xo) {
    float d = Le.half(y, yo);
    for (int j = 0; j < 16; j++) {
      int b = y[yo + 2 + j] & 0xFF;
      x[xo + j] = ((b & 0x0F) - 8) * d;
      x[xo + 16 + j] = ((b >>> 4) - 8) * d;
    }
  }
}
