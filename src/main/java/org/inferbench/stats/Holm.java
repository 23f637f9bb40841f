package org.inferbench.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down correction of p-values for many comparisons: it holds the family-wise error rate (the chance of
 * any false positive among them) at the nominal level without assuming the tests are independent, and rejects at
 * least as much as Bonferroni.
 */
public final class Holm {
  private Holm() {}

  /**
   * The adjusted p-values, in the input's order: sorted ascending, the i-th smallest (from 0) is multiplied by
   * (m − i), capped at 1, and made non-decreasing along the sorted order. An adjusted p below α is a rejection at α.
   */
  public static double[] adjust(double[] p) {
    int m = p.length;
    for (double v : p) {
      if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("holm: expected p-values in [0, 1], got " + v);
    }
    Integer[] order = new Integer[m];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    double[] adjusted = new double[m];
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = order[rank];
      // step-down: a hypothesis is rejected only if every smaller p was, hence the running maximum
      running = Math.max(running, Math.min(1, (m - rank) * p[i]));
      adjusted[i] = running;
    }
    return adjusted;
  }
}
