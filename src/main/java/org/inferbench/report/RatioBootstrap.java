package org.inferbench.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile-bootstrap 95 % interval of mean(a) ÷ mean(b) for two independent samples (METRICS.md: 2,000
 * resamples, fixed seed), e.g. a speedup of decode tokens/s between the two arms of a comparison.
 */
final class RatioBootstrap {
  static final int RESAMPLES = 2000;
  static final long SEED = 20240607L;

  private RatioBootstrap() {}

  /** {low, high}, or NaNs where either sample has fewer than two values. */
  static double[] ratioOfMeans(double[] a, double[] b) {
    if (a == null || b == null || a.length < 2 || b.length < 2) return new double[] {Double.NaN, Double.NaN};
    SplittableRandom rnd = new SplittableRandom(SEED);
    double[] ratios = new double[RESAMPLES];
    for (int i = 0; i < RESAMPLES; i++) {
      ratios[i] = resampledMean(a, rnd) / resampledMean(b, rnd);
    }
    Arrays.sort(ratios);
    return new double[] {quantile(ratios, 0.025), quantile(ratios, 0.975)};
  }

  private static double resampledMean(double[] x, SplittableRandom rnd) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) sum += x[rnd.nextInt(x.length)];
    return sum / x.length;
  }

  /** R-7 interpolation, as the statistics use everywhere. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
