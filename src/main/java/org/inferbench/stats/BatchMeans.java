package org.inferbench.stats;

/**
 * A CI of the mean for values that are not independent: requests measured under load, where one slow moment slows
 * every request in flight with it. The values, in the order they happened, are cut into consecutive batches; the
 * batch means are nearly independent when a batch spans much longer than the correlation, and Student's t over
 * them gives the interval. Batches: ⌊√n⌋, between 5 and 30 (fewer than 10 values: no interval).
 */
public final class BatchMeans {
  static final int MIN_BATCHES = 5;
  static final int MAX_BATCHES = 30;

  private BatchMeans() {}

  /** The 95 % interval of the mean, or null with fewer than 10 values. */
  public static Interval ci95(double[] inOrder) {
    int n = inOrder.length;
    if (n < 10) return null;
    int k = Math.max(MIN_BATCHES, Math.min(MAX_BATCHES, (int) Math.sqrt(n)));
    double[] means = new double[k];
    for (int b = 0; b < k; b++) {
      int from = (int) ((long) n * b / k);
      int to = (int) ((long) n * (b + 1) / k);
      double s = 0;
      for (int i = from; i < to; i++) s += inOrder[i];
      means[b] = s / (to - from);
    }
    double mean = 0;
    for (double v : inOrder) mean += v;
    mean /= n;
    double half = StudentT.halfWidth(means, 0.95);
    return new Interval(mean - half, mean + half);
  }
}
