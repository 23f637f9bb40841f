package org.inferbench.stats;

import org.hipparchus.stat.descriptive.rank.Percentile;

/**
 * Percentiles by linear interpolation between closest ranks (Hyndman and Fan's R-7, numpy's default), so
 * figures compare with Python tools. Hipparchus's {@code Percentile} defaults to another rule (LEGACY), hence
 * the explicit estimation type.
 */
public final class Percentiles {
  private Percentiles() {}

  /**
   * The p-th percentile of {@code values}.
   *
   * @param p in (0, 100]; 50 is the median
   * @throws IllegalArgumentException if values is empty or holds a non-finite number, or p is out of range
   */
  public static double of(double[] values, double p) {
    Samples.requireNonEmpty("percentile", values);
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile: expected p in (0, 100], got " + p);
    }
    return r7().evaluate(values, p);
  }

  /** The median (the 50th percentile; for an even count, the mean of the two middle values). */
  public static double median(double[] values) {
    return of(values, 50);
  }

  /** A fresh estimator (Hipparchus's Percentile keeps state, so one per call keeps this thread-safe). */
  static Percentile r7() {
    return new Percentile().withEstimationType(Percentile.EstimationType.R_7);
  }
}
