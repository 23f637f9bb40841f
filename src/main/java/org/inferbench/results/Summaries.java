package org.inferbench.results;

import org.hipparchus.stat.descriptive.DescriptiveStatistics;
import org.inferbench.stats.Bootstrap;
import org.inferbench.stats.Interval;
import org.inferbench.stats.Percentiles;
import org.inferbench.stats.Samples;

/** The statistics METRICS.md lists for every metric of every configuration, from its raw samples. */
public final class Summaries {
  private Summaries() {}

  /**
   * Count, mean, sample standard deviation (n - 1), CV = std / mean, min, max, R-7 percentiles and 95 %
   * bootstrap intervals of the mean and the median.
   *
   * @return null when there are no samples (a metric that does not apply, e.g. TPOT with output = 1): the
   *     record then leaves the metric out rather than carrying numbers that mean nothing. One sample gives
   *     std 0 and intervals [x, x]. CV is 0 when the mean is 0.
   * @throws IllegalArgumentException if a sample is NaN or infinite
   */
  public static MetricStats of(double[] samples, String unit) {
    Samples.requireFinite("summary of " + unit + " samples", samples);
    if (samples.length == 0) return null;
    DescriptiveStatistics d = new DescriptiveStatistics(samples);
    double mean = d.getMean();
    // Hipparchus gives 0 for one sample; the n - 1 (bias-corrected) form otherwise
    double std = d.getStandardDeviation();
    double cv = mean == 0 ? 0 : std / Math.abs(mean);
    Interval meanCi = Bootstrap.meanCi(samples);
    Interval medianCi = Bootstrap.medianCi(samples);
    return new MetricStats(unit, samples.length, mean, std, cv, d.getMin(), d.getMax(),
        Percentiles.of(samples, 50), Percentiles.of(samples, 90), Percentiles.of(samples, 95),
        Percentiles.of(samples, 99), meanCi.low(), meanCi.high(), medianCi.low(), medianCi.high());
  }

  /** {@link #of(double[], String)} in the metric's own unit. */
  public static MetricStats of(double[] samples, Metric metric) {
    return of(samples, metric.unit());
  }
}
