package org.inferbench.model.gguf;

import org.inferbench.core.TensorType;

/**
 * The K-quants with a scale and a min per 32-value sub-block (Q4_K, Q5_K): a 256-value super-block stores fp16 d and
 * dmin, then eight 6-bit scales sc[j] and mins m[j] ({@link KScales}); value = d * sc[j] * q - dmin * m[j] with q in
 * 0..nmax (ggml-quants.c dequantize_row_q4_K / q5_K).
 *
 * <p>Encoding is llama.cpp's without an importance matrix (quantize_row_q4_K_ref / q5_K_ref, which llama-quantize
 * runs then): each sub-block's scale and min come from {@link ScaleSearch#withMin} weighted by the sub-block's RMS
 * plus each value's magnitude; d and dmin are the largest of them over 63, each sub-block's 6-bit scale and min their
 * nearest multiples, and the levels are then rounded against the stored (fp16, 6-bit) scale and min.
 */
abstract class ScaleMinKQuantizer extends BlockQuantizer {
  static final int SUPER = 256;
  private static final int SUB = 32;
  private final int nmax;
  private final float rmin;
  private final int nstep;

  /** {@code rmin} and {@code nstep}: where the step-count search starts below nmax, and how many 0.1 steps it takes. */
  ScaleMinKQuantizer(TensorType type, int nmax, float rmin, int nstep) {
    super(type);
    this.nmax = nmax;
    this.rmin = rmin;
    this.nstep = nstep;
  }

  /** Writes {@code levels} (each 0..nmax, in value order) into the block's quant bytes. */
  abstract void packLevels(int[] levels, byte[] y, int yo);

  /** The level (0..nmax) of value {@code i} of the block at {@code yo}. */
  abstract int level(byte[] y, int yo, int i);

  @Override
  final void quantizeBlock(float[] x, int xo, byte[] y, int yo) {
    requireFinite(x, xo, SUPER);
    int[] levels = new int[SUPER];
    float[] scales = new float[8];
    float[] mins = new float[8];
    float[] weights = new float[SUB];
    float maxScale = 0; // scales are positive once the min is taken out
    float maxMin = 0;
    for (int j = 0; j < 8; j++) {
      int o = xo + j * SUB;
      float sumX2 = 0;
      for (int l = 0; l < SUB; l++) {
        sumX2 += x[o + l] * x[o + l];
      }
      float rms = (float) Math.sqrt(sumX2 / SUB); // a correctly rounded float sqrt, as sqrtf
      for (int l = 0; l < SUB; l++) {
        weights[l] = rms + Math.abs(x[o + l]);
      }
      ScaleSearch.ScaleMin f = ScaleSearch.withMin(x, o, SUB, nmax, weights, levels, j * SUB, rmin, 0.1f, nstep);
      scales[j] = f.scale();
      mins[j] = f.min();
      if (scales[j] > maxScale) maxScale = scales[j];
      if (mins[j] > maxMin) maxMin = mins[j];
    }
    float invScale = maxScale > 0 ? 63f / maxScale : 0f;
    float invMin = maxMin > 0 ? 63f / maxMin : 0f;
    int[] sc = new int[8];
    int[] m = new int[8];
    for (int j = 0; j < 8; j++) {
      // the reference stores the rounded value in a byte before capping it at 63
      sc[j] = Math.min(63, nearestInt(invScale * scales[j]) & 0xFF);
      m[j] = Math.min(63, nearestInt(invMin * mins[j]) & 0xFF);
    }
    putScale(y, yo, maxScale / 63f);
    putScale(y, yo + 2, maxMin / 63f);
    KScales.pack(sc, m, y, yo + 4);
    float d = Le.half(y, yo);
    float dmin = Le.half(y, yo + 2);
    for (int j = 0; j < 8; j++) {
      float s = d * sc[j];
      if (s == 0) {
        continue; // the levels of the search stand
      }
      float dm = dmin * m[j];
      for (int i = 0; i < SUB; i++) {
        levels[j * SUB + i] = clamp(nearestInt((x[xo + j * SUB + i] + dm) / s), 0, nmax);
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
}
