package org.inferbench.model.gguf;

import org.inferbench.engine.TensorType;

/**
 * The K-quants with a scale and a min per 32-value sub-block (Q4_K, Q5_K): a 256-value super-block stores fp16 d and
 * dmin, then eight 6-bit scales sc[j] and mins m[j] ({@link KScales}); value = d * sc[j] * q - dmin * m[j] with q in
 * 0..nmax (ggml-quants.c dequantize_row_q4_K / q5_K).
 *
 * <p>llama.cpp picks each sub-block's scale and min by a weighted least-squares search (make_qkx2_quants). This
 * picks them so the decoded range covers the sub-block's values: the min is rounded up and the scale then rounded up
 * to 6 bits of the fp16 super-scale, so every value decodes within half a step of the sub-block's own decoded scale.
 * The layout is the same; only the choice of scales differs.
 */
abstract class ScaleMinKQuantizer extends BlockQuantizer {
  static final int SUPER = 256;
  private static final int SUB = 32;
  private final int nmax;

  ScaleMinKQuantizer(TensorType type, int nmax) {
    super(type);
    this.nmax = nmax;
  }

  /** Writes {@code levels} (each 0..nmax, in value order) into the block's quant bytes. */
  abstract void packLevels(int[] levels, byte[] y, int yo);

  /** The level (0..nmax) of value {@code i} of the block at {@code yo}. */
  abstract int level(byte[] y, int yo, int i);

  @Override
  final void quantizeBlock(float[] x, int xo, byte[] y, int yo) {
    requireFinite(x, xo, SUPER);
    String what = type().label();
    float[] need = new float[8];
    float[] hi = new float[8];
    float maxNeed = 0;
    for (int j = 0; j < 8; j++) {
      float lo = 0;
      float h = -Float.MAX_VALUE;
      for (int i = 0; i < SUB; i++) {
        lo = Math.min(lo, x[xo + j * SUB + i]);
        h = Math.max(h, x[xo + j * SUB + i]);
      }
      need[j] = -lo; // the min subtracted, >= 0: the format's mins are unsigned and dmin is kept >= 0
      hi[j] = h;
      maxNeed = Math.max(maxNeed, need[j]);
    }
    // mins: dmin rounded up so that 63 * dmin reaches the largest min, each m[j] rounded up
    float dmin = maxNeed > 0 ? Float.float16ToFloat(Le.halfAtLeast(maxNeed / 63, what)) : 0;
    int[] mins = new int[8];
    float[] offset = new float[8];
    for (int j = 0; j < 8; j++) {
      mins[j] = dmin > 0 ? levelAtLeast(need[j], dmin) : 0;
      offset[j] = dmin * mins[j];
    }
    // scales: the step that spans -offset .. max with nmax steps, rounded up the same way
    float maxStep = 0;
    float[] step = new float[8];
    for (int j = 0; j < 8; j++) {
      step[j] = Math.max(0, (hi[j] + offset[j]) / nmax);
      maxStep = Math.max(maxStep, step[j]);
    }
    float d = maxStep > 0 ? Float.float16ToFloat(Le.halfAtLeast(maxStep / 63, what)) : 0;
    int[] scales = new int[8];
    for (int j = 0; j < 8; j++) {
      scales[j] = d > 0 ? levelAtLeast(step[j], d) : 0;
    }
    Le.putHalf(y, yo, d);
    Le.putHalf(y, yo + 2, dmin);
    KScales.pack(scales, mins, y, yo + 4);
    int[] levels = new int[SUPER];
    for (int j = 0; j < 8; j++) {
      float s = d * scales[j];
      if (s == 0) {
        continue; // every value of the sub-block decodes to -offset, which is then its value
      }
      for (int i = 0; i < SUB; i++) {
        levels[j * SUB + i] = clamp(nearestInt((x[xo + j * SUB + i] + offset[j]) / s), 0, nmax);
      }
    }
    packLevels(levels, y, yo);
  }

  @Override
  final void dequantizeBlock(byte[] y, int yo, float[] x, int xo) {
    float d = Le.half(y, yo);
    float dmin = Le.half(y, yo + 2);
    for (int j = 0; j < 8; j++) {
      float s = d * KScales.scale(y, yo + 4, j);
      float m = dmin * KScales.min(y, yo + 4, j);
      for (int i = 0; i < SUB; i++) {
        x[xo + j * SUB + i] = s * level(y, yo, j * SUB + i) - m;
      }
    }
  }

  /** The smallest k in 0..63 with unit * k >= v, computed as the decoder multiplies (unit * 63 >= v holds). */
  private static int levelAtLeast(float v, float unit) {
    int k = Math.min(63, Math.max(0, (int) Math.ceil(v / unit)));
    while (k < 63 && unit * k < v) {
      k++;
    }
    return k;
  }
}
