package org.inferbench.stats;

/**
 * Coverage of a CI method over reruns (METRICS.md): the share of reruns whose 95 % CI holds the mean of the other
 * reruns. A method whose intervals see only one process's spread covers far less than 95 % on a machine that drifts.
 */
public final class Coverage {
  private Coverage() {}

  /**
   * How many of the runs' intervals hold the mean of the other runs' means.
   *
   * @param means each run's mean
   * @param intervals each run's CI of its mean (null: counted as not holding)
   */
  public static int hits(double[] means, Interval[] intervals) {
    if (means.length != intervals.length || means.length < 2) {
      throw new IllegalArgumentException("coverage: expected a CI for each of 2 or more runs, got " + means.length
          + " means and " + intervals.length + " intervals");
    }
    double sum = 0;
    for (double m : means) sum += m;
    int hits = 0;
    for (int i = 0; i < means.length; i++) {
      double others = (sum - means[i]) / (means.length - 1);
      if (intervals[i] != null && intervals[i].contains(others)) hits++;
    }
    return hits;
  }
}
