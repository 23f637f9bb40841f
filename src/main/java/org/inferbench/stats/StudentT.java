package org.inferbench.stats;

import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.descriptive.moment.Mean;
import org.hipparchus.stat.descriptive.moment.StandardDeviation;

/**
 * Student-t confidence interval of the mean: t(1 - (1 - c) / 2, n - 1) * s / sqrt(n). Cheap enough to evaluate
 * after every measured request, which adaptive stopping does (the bootstrap is for the final figures).
 */
public final class StudentT {
  private static final double NORMAL_975 = 1.959963984540054;

  private StudentT() {}

  /**
   * The half-width of the {@code confidence} interval of the mean; infinite for fewer than two samples (no
   * spread can be estimated yet, so a stopping rule keeps measuring).
   *
   * @param confidence in (0, 1), e.g. 0.95
   */
  public static double halfWidth(double[] values, double confidence) {
    Samples.requireFinite("student-t interval", values);
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("student-t interval: expected confidence in (0, 1), got " + confidence);
    }
    int n = values.length;
    if (n < 2) return Double.POSITIVE_INFINITY;
    double s = new StandardDeviation(true).evaluate(values);
    return critical(n - 1, confidence) * s / Math.sqrt(n);
  }

  /** The two-sided critical value t(1 - (1 - c) / 2, df). */
  public static double critical(int degreesOfFreedom, double confidence) {
    return new TDistribution(degreesOfFreedom).inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  /**
   * How many samples in all bring the half-width of the mean within {@code target} (same units as {@code sd}), with
   * the spread staying as it is: the smallest m with t(m - 1) · sd / √m ≤ target, at most {@code cap}.
   */
  public static int samplesFor(double sd, double target, double confidence, int cap) {
    // t ≥ z: the normal quantile's answer is a lower bound to start from
    int from = (int) Math.max(2, Math.min(cap, Math.floor(Math.pow(NORMAL_975 * sd / target, 2))));
    for (int m = from; m < cap; m++) {
      if (critical(m - 1, confidence) * sd / Math.sqrt(m) <= target) return m;
    }
    return cap;
  }

  /**
   * The half-width relative to the mean (0.02 = within 2 % of the mean), the form a {@code --target-ci} takes;
   * infinite for fewer than two samples or a mean of zero.
   */
  public static double relativeHalfWidth(double[] values, double confidence) {
    double h = halfWidth(values, confidence);
    if (Double.isInfinite(h)) return h;
    double mean = Math.abs(new Mean().evaluate(values));
    return mean == 0 ? Double.POSITIVE_INFINITY : h / mean;
  }
}
