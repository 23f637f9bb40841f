package org.inferbench.baseline;

/**
 * The statistics the gate needs, behind a small interface of its own so the gate does not wait for (or tie itself
 * to) the stats package's API; {@link LocalSampleStatistics} implements it.
 */
interface SampleStatistics {
  /** Median by the R-7 rule. */
  double median(double[] x);

  /**
   * p-value of the one-sided Mann-Whitney U test whose alternative is that values of {@code greater} tend to be
   * larger than values of {@code other}.
   */
  double mannWhitneyGreaterP(double[] greater, double[] other);

  /** 95 % percentile-bootstrap interval of median(numerator) ÷ median(denominator), sides resampled apart. */
  double[] ratioOfMediansCi(double[] numerator, double[] denominator);
}
