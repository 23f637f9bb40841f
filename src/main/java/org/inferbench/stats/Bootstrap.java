package org.inferbench.stats;

import java.util.function.ToDoubleFunction;
import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;
import org.hipparchus.stat.descriptive.moment.Mean;

/**
 * Percentile-bootstrap confidence intervals (METRICS.md: 95 %, 2,000 resamples, fixed seed). The generator is
 * Hipparchus's Well19937c, whose sequence is fixed by its seed, so the same input always gives the same interval.
 */
public final class Bootstrap {
  public static final int RESAMPLES = 2000;
  public static final long SEED = 0x5EED_B007L;
  public static final double CONFIDENCE = 0.95;

  private Bootstrap() {}

  /**
   * The 95 % percentile-bootstrap interval of {@code statistic}: the 2.5th and 97.5th percentiles of the
   * statistic over {@code resamples} resamples with replacement, each of the input's size.
   */
  public static Interval ci(double[] values, ToDoubleFunction<double[]> statistic, int resamples, long seed) {
    Samples.requireNonEmpty("bootstrap", values);
    requireResamples(resamples);
    RandomGenerator random = new Well19937c(seed);
    double[] stats = new double[resamples];
    double[] resample = new double[values.length];
    for (int r = 0; r < resamples; r++) {
      draw(values, resample, random);
      stats[r] = statistic.applyAsDouble(resample);
    }
    return interval(stats);
  }

  public static Interval ci(double[] values, ToDoubleFunction<double[]> statistic) {
    return ci(values, statistic, RESAMPLES, SEED);
  }

  public static Interval meanCi(double[] values) {
    return ci(values, Bootstrap::mean);
  }

  public static Interval medianCi(double[] values) {
    return ci(values, Percentiles::median);
  }

  /**
   * Interval of median(a) / median(b), each side resampled independently (they are separate runs), e.g. a
   * candidate's latency over its baseline's. Medians of zero make the ratio undefined.
   */
  public static Interval ratioOfMediansCi(double[] a, double[] b, int resamples, long seed) {
    Samples.requireNonEmpty("bootstrap ratio (first sample)", a);
    Samples.requireNonEmpty("bootstrap ratio (second sample)", b);
    requireResamples(resamples);
    RandomGenerator random = new Well19937c(seed);
    double[] stats = new double[resamples];
    double[] ra = new double[a.length];
    double[] rb = new double[b.length];
    for (int r = 0; r < resamples; r++) {
      draw(a, ra, random);
      draw(b, rb, random);
      double denominator = Percentiles.median(rb);
      if (denominator == 0) {
        throw new IllegalArgumentException("bootstrap ratio: the second sample's median is 0 in a resample");
      }
      stats[r] = Percentiles.median(ra) / denominator;
    }
    return interval(stats);
  }

  public static Interval ratioOfMediansCi(double[] a, double[] b) {
    return ratioOfMediansCi(a, b, RESAMPLES, SEED);
  }

  private static void draw(double[] from, double[] into, RandomGenerator random) {
    for (int i = 0; i < into.length; i++) into[i] = from[random.nextInt(from.length)];
  }

  private static Interval interval(double[] stats) {
    double tail = (1 - CONFIDENCE) / 2 * 100;
    return new Interval(Percentiles.of(stats, tail), Percentiles.of(stats, 100 - tail));
  }

  private static double mean(double[] values) {
    return new Mean().evaluate(values);
  }

  private static void requireResamples(int resamples) {
    if (resamples < 1) throw new IllegalArgumentException("bootstrap: expected resamples >= 1, got " + resamples);
  }
}
