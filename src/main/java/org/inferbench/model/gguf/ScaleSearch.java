package org.inferbench.model.gguf;

/**
 * The scale searches by which llama.cpp's K-quants pick a sub-block's scale (ggml-quants.c make_qx_quants with its
 * x-squared weighting, and make_qkx2_quants), redone so that files come out byte for byte as llama-quantize writes
 * them without an importance matrix. Every step is float arithmetic in the order C evaluates it: ggml-quants.c is
 * compiled without fused multiply-add or reassociation, and Java's float operations round as SSE's do, so the same
 * order gives the same bits. Rounding to an integer is {@link BlockQuantizer#nearestInt} (ties to even).
 */
final class ScaleSearch {
  /** Below this largest magnitude a group counts as all zero (ggml-quants.c GROUP_MAX_EPS). */
  static final float GROUP_MAX_EPS = 1e-15f;

  private ScaleSearch() {}

  /** A sub-block's scale and the amount subtracted from every decoded value (>= 0). */
  record ScaleMin(float scale, float min) {}

  /**
   * Signed levels for {@code n} values from {@code x[xo]}: the value of largest magnitude goes to level -nmax, and the
   * scale is then refined by least squares weighted by x² over 19 nearby starting scales, keeping the one that
   * explains most of the values. Writes level + nmax (0..2·nmax-1) into {@code levels[lo..lo+n)} and returns the
   * scale (negative when the largest-magnitude value is positive), 0 for an all-zero group.
   */
  static float signed(float[] x, int xo, int n, int nmax, int[] levels, int lo) {
    float max = 0;
    float amax = 0;
    for (int i = 0; i < n; i++) {
      float ax = Math.abs(x[xo + i]);
      if (ax > amax) {
        amax = ax;
        max = x[xo + i];
      }
    }
    if (amax < GROUP_MAX_EPS) {
      java.util.Arrays.fill(levels, lo, lo + n, 0);
      return 0f;
    }
    float iscale = -nmax / max;
    float sumlx = 0;
    float suml2 = 0;
    for (int i = 0; i < n; i++) {
      float v = x[xo + i];
      int l = signedLevel(iscale * v, nmax);
      levels[lo + i] = l + nmax;
      float w = v * v;
      sumlx += w * v * l;
      suml2 += w * l * l;
    }
    float scale = suml2 != 0 ? sumlx / suml2 : 0f;
    float best = scale * sumlx;
    for (int is = -9; is <= 9; is++) {
      if (is == 0) {
        continue;
      }
      iscale = -(nmax + 0.1f * is) / max;
      sumlx = 0;
      suml2 = 0;
      for (int i = 0; i < n; i++) {
        float v = x[xo + i];
        int l = signedLevel(iscale * v, nmax);
        float w = v * v;
        sumlx += w * v * l;
        suml2 += w * l * l;
      }
      if (suml2 > 0 && sumlx * sumlx > best * suml2) {
        for (int i = 0; i < n; i++) {
          levels[lo + i] = nmax + signedLevel(iscale * x[xo + i], nmax);
        }
        scale = sumlx / suml2;
        best = scale * sumlx;
      }
    }
    return scale;
  }

  private static int signedLevel(float scaled, int nmax) {
    return Math.max(-nmax, Math.min(nmax - 1, BlockQuantizer.nearestInt(scaled)));
  }

  /**
   * Levels 0..nmax with a scale and a min for {@code n} values from {@code x[xo]} under per-value weights {@code w}:
   * starts from the range [min(x, 0), max(x)] split in nmax steps, then tries nstep + 1 step counts from
   * {@code nmax + rmin} in steps of {@code rdelta}, fitting scale and min to each rounding by weighted least squares
   * (the min held at 0 when the fit wants it positive), and keeps the fit of least weighted squared error. Writes the
   * levels into {@code levels[lo..lo+n)}.
   */
  static ScaleMin withMin(float[] x, int xo, int n, int nmax, float[] w, int[] levels, int lo, float rmin,
      float rdelta, int nstep) {
    float min = x[xo];
    float max = x[xo];
    float sumW = w[0];
    float sumX = sumW * x[xo];
    for (int i = 1; i < n; i++) {
      float v = x[xo + i];
      if (v < min) min = v;
      if (v > max) max = v;
      sumW += w[i];
      sumX += w[i] * v;
    }
    if (min > 0) min = 0;
    if (max == min) {
      java.util.Arrays.fill(levels, lo, lo + n, 0);
      return new ScaleMin(0f, -min);
    }
    float iscale = nmax / (max - min);
    float scale = 1 / iscale;
    float bestError = 0;
    for (int i = 0; i < n; i++) {
      float v = x[xo + i];
      int l = clampLevel(iscale * (v - min), nmax);
      levels[lo + i] = l;
      float diff = scale * l + min - v;
      bestError += w[i] * (diff * diff);
    }
    if (nstep < 1) {
      return new ScaleMin(scale, -min);
    }
    int[] trial = new int[n];
    for (int is = 0; is <= nstep; is++) {
      // min is the best fit's so far, as in the reference: a trial after an improvement starts from the new min
      iscale = (rmin + rdelta * is + nmax) / (max - min);
      float sumL = 0;
      float sumL2 = 0;
      float sumXl = 0;
      for (int i = 0; i < n; i++) {
        float v = x[xo + i];
        int l = clampLevel(iscale * (v - min), nmax);
        trial[i] = l;
        sumL += w[i] * l;
        sumL2 += w[i] * l * l;
        sumXl += w[i] * l * v;
      }
      float det = sumW * sumL2 - sumL * sumL;
      if (det > 0) {
        float thisScale = (sumW * sumXl - sumX * sumL) / det;
        float thisMin = (sumL2 * sumX - sumL * sumXl) / det;
        if (thisMin > 0) {
          thisMin = 0;
          thisScale = sumXl / sumL2;
        }
        float error = 0;
        for (int i = 0; i < n; i++) {
          float diff = thisScale * trial[i] + thisMin - x[xo + i];
          error += w[i] * (diff * diff);
        }
        if (error < bestError) {
          System.arraycopy(trial, 0, levels, lo, n);
          bestError = error;
          scale = thisScale;
          min = thisMin;
        }
      }
    }
    return new ScaleMin(scale, -min);
  }

  private static int clampLevel(float scaled, int nmax) {
    return Math.max(0, Math.min(nmax, BlockQuantizer.nearestInt(scaled)));
  }
}
