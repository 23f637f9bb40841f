package org.inferbench.model.gguf;

import org.inferbench.core.TensorType;

/**
 * MXFP4 (the OCP microscaling format gpt-oss ships its experts in): 32 values as {u8 e; u8 qs[16]}, value =
 * 2^(e−128) · k[q] with k the E2M1 values doubled (0, ±1, ±2, ±3, ±4, ±6, ±8, ±12); the low nibbles hold the first
 * 16 values, the high nibbles the last 16 (ggml-common.h block_mxfp4, kvalues_mxfp4). Encoding follows
 * ggml-quants.c quantize_row_mxfp4_ref, which llama-quantize uses with or without an importance matrix: e =
 * floor(log2f(max|x|)) − 2 + 127, and each value takes the nearest k·d, the first on a tie.
 */
final class Mxfp4Quantizer extends BlockQuantizer {
  private static final int[] K = {0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12};

  Mxfp4Quantizer() {
    super(TensorType.MXFP4);
  }

  @Override
  void quantizeBlock(float[] x, int xo, byte[] y, int yo) {
    requireFinite(x, xo, 32);
    float amax = absMax(x, xo, 32);
    // log2f rounded to float before the floor, as C computes it: a value just below a power of two can round up
    int e = amax > 0 ? ((int) Math.floor((float) (Math.log(amax) / Math.log(2))) - 2 + 127) & 0xff : 0;
    float d = half(e);
    y[yo] = (byte) e;
    for (int j = 0; j < 16; j++) {
      int lo = bestIndex(x[xo + j], d);
      int hi = bestIndex(x[xo + 16 + j], d);
      y[yo + 1 + j] = (byte) (lo | hi << 4);
    }
  }

  @Override
  void dequantizeBlock(byte[] y, int yo, float[] x, int xo) {
    float d = half(y[yo] & 0xff);
    for (int j = 0; j < 16; j++) {
      int q = y[yo + 1 + j] & 0xff;
      x[xo + j] = K[q & 0x0f] * d;
      x[xo + 16 + j] = K[q >> 4] * d;
    }
  }

  /** ggml_e8m0_to_fp32_half: 2^(e−128), the two smallest as the denormals 2^-128 and 2^-127. */
  static float half(int e) {
    int bits = e < 2 ? 0x00200000 << e : (e - 1) << 23;
    return Float.intBitsToFloat(bits);
  }

  private static int bestIndex(float x, float d) {
    int best = 0;
    float bestErr = Math.abs(K[0] * d - x);
    for (int i = 1; i < 16; i++) {
      float err = Math.abs(K[i] * d - x);
      if (err < bestErr) {
        best = i;
        bestErr = err;
      }
    }
    return best;
  }
}
