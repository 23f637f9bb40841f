package org.inferbench.stats;

import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.descriptive.moment.Mean;
import org.hipparchus.stat.descriptive.moment.StandardDeviation;

/**
 * Student-t confidence interval of the mean: t(1 - (1 - c) / 2, n - 1) * s / sqrt(n). Cheap enough to evaluate
 * after every measured request, which adaptive stopping does (the bootstrap is for the final figures).
 */
public final class StudentT {
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
    double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
    return t * s / Math.sqrt(n);
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
