package org.inferbench.report;

import java.util.SplittableRandom;
import org.inferbench.stats.Percentiles;

/**
 * Percentile-bootstrap 95 % interval of mean(a) ÷ mean(b) for two independent samples (METRICS.md: 2,000
 * resamples, fixed seed), e.g. a speedup of decode tokens/s between the two arms of a comparison. The tables
 * show ratios of means, so the interval is of that ratio ({@code stats.Bootstrap} offers medians only).
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
    return new double[] {Percentiles.of(ratios, 2.5), Percentiles.of(ratios, 97.5)};
  }

  private static double resampledMean(double[] x, SplittableRandom rnd) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) sum += x[rnd.nextInt(x.length)];
    return sum / x.length;
  }
}
