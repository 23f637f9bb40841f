package org.inferbench.stats.fit;

import java.util.Arrays;
import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;
import org.inferbench.stats.Bootstrap;
import org.inferbench.stats.Interval;
import org.inferbench.stats.Percentiles;

/**
 * Percentile-bootstrap intervals of a {@link ScalingFit}'s fitted scaling factor and x² coefficient: each
 * resample redraws every point's raw samples with replacement (the points are separate measurements), takes their
 * means and refits. 2,000 resamples with a fixed seed, as every interval of METRICS.md.
 *
 * @param factor interval of {@link ScalingFit#fittedFactor()}
 * @param quadratic interval of {@link ScalingFit#quadratic()} (both ends 0 for a linear fit)
 */
public record FitBootstrap(Interval factor, Interval quadratic) {
  /**
   * @param x each point's length
   * @param samples each point's raw samples (at least one each), whose means are the points' y
   */
  public static FitBootstrap of(double[] x, double[][] samples) {
    if (x.length != samples.length) {
      throw new IllegalArgumentException("fit bootstrap: expected one sample array per x, got " + samples.length
          + " for " + x.length);
    }
    RandomGenerator random = new Well19937c(Bootstrap.SEED);
    double[] factors = new double[Bootstrap.RESAMPLES];
    double[] quadratics = new double[Bootstrap.RESAMPLES];
    double[] y = new double[x.length];
    for (int r = 0; r < Bootstrap.RESAMPLES; r++) {
      for (int i = 0; i < x.length; i++) y[i] = resampledMean(samples[i], random);
      ScalingFit f = ScalingFit.fit(x, y, null);
      factors[r] = f.fittedFactor();
      quadratics[r] = f.quadratic();
    }
    return new FitBootstrap(interval(factors), interval(quadratics));
  }

  private static double resampledMean(double[] s, RandomGenerator random) {
    if (s.length == 0) throw new IllegalArgumentException("fit bootstrap: a point has no samples");
    double sum = 0;
    for (int i = 0; i < s.length; i++) sum += s[random.nextInt(s.length)];
    return sum / s.length;
  }

  private static Interval interval(double[] values) {
    if (Arrays.stream(values).anyMatch(v -> !Double.isFinite(v))) return new Interval(Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY);
    double tail = (1 - Bootstrap.CONFIDENCE) / 2 * 100;
    return new Interval(Percentiles.of(values, tail), Percentiles.of(values, 100 - tail));
  }
}
