package org.inferbench.model.gguf;

import org.inferbench.core.TensorType;

/**
 * Q8_0: 32 values as {fp16 d; int8 qs[32]}, value = d * q (ggml-common.h block_q8_0). Encoding follows
 * ggml-quants.c quantize_row_q8_0_ref: d = max|x| / 127, q = x / d rounded half away from zero.
 */
final class Q8_0Quantizer extends BlockQuantizer {
  Q8_0Quantizer() {
    super(TensorType.Q8_0);
  }

  @Override
  void quantizeBlock(float[] x, int xo, byte[] y, int yo) {
    requireFinite(x, xo, 32);
    float amax = absMax(x, xo, 32);
    float d = amax / 127;
    float id = d != 0 ? 1.0f / d : 0.0f;
    putScale(y, yo, d);
    for (int j = 0; j < 32; j++) {
      y[yo + 2 + j] = (byte) roundHalfAway(x[xo + j] * id);
    }
  }

  @Override
  void dequantizeBlock(byte[] y, int yo, float[] x, int xo) {
    float d = Le.half(y, yo);
    for (int j = 0; j < 32; j++) {
      x[xo + j] = y[yo + 2 + j] * d;
    }
  }
}
