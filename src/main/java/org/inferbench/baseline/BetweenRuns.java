package org.inferbench.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hipparchus.distribution.continuous.TDistribution;
import org.inferbench.results.Levels;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;

/**
 * A change judged against the variability between runs, not within one process: the difference of the two sides'
 * means over the standard error their fork (or round) means give — Welch's t, each side with its units − 1 degrees
 * of freedom — and where the baseline keeps earlier runs of the configuration (history), the spread of their means
 * as the floor of each side's variance: a machine that moves 10 % from one run to the next makes a 10 % change in
 * one run unremarkable however tight each run's forks agree. Two identical reruns then differ significantly only
 * as often as α says.
 */
final class BetweenRuns {
  /** Earlier runs needed before their spread is trusted as the between-run variance. */
  static final int MIN_HISTORY = 3;

  /**
   * The outcome: one-sided p values in both directions, and what the judgement rested on (for the row's note).
   */
  record Judgement(double pWorse, double pBetter, String basis) {}

  private BetweenRuns() {}

  /** The judgement, or null when either side has fewer than two forks or rounds (then the samples decide). */
  static Judgement judge(ResultRecord before, ResultRecord now, List<ResultRecord> history, Metric metric) {
    double[] b = unitMeans(before, metric);
    double[] c = unitMeans(now, metric);
    if (b == null || c == null) return null;
    double varB = variance(b) / b.length;
    double varC = variance(c) / c.length;
    int dfB = b.length - 1;
    int dfC = c.length - 1;
    String basis = String.format(Locale.ROOT, "%d + %d forks", b.length, c.length);
    double[] runs = runMeans(history, metric);
    if (runs.length >= MIN_HISTORY) {
      double between = variance(runs);
      // a run's mean moves at least as much as the runs before it did
      if (between > varB) {
        varB = between;
        dfB = runs.length - 1;
      }
      if (between > varC) {
        varC = between;
        dfC = runs.length - 1;
      }
      basis += String.format(Locale.ROOT, ", the spread of %d baseline runs", runs.length);
    }
    double se = Math.sqrt(varB + varC);
    double diff = mean(c) - mean(b);
    if (se == 0) {
      return new Judgement(diff == 0 ? 1 : worse(diff, metric) ? 0 : 1, diff == 0 ? 1 : worse(diff, metric) ? 1 : 0,
          basis);
    }
    // Welch–Satterthwaite degrees of freedom
    double df = (varB + varC) * (varB + varC) / (varB * varB / dfB + varC * varC / dfC);
    double t = diff / se;
    TDistribution dist = new TDistribution(Math.max(1, df));
    double pLarger = 1 - dist.cumulativeProbability(t);
    double pSmaller = dist.cumulativeProbability(t);
    boolean lowerIsBetter = metric.lowerIsBetter();
    return new Judgement(lowerIsBetter ? pLarger : pSmaller, lowerIsBetter ? pSmaller : pLarger,
        basis + ", Welch t");
  }

  private static boolean worse(double diff, Metric metric) {
    return metric.lowerIsBetter() ? diff > 0 : diff < 0;
  }

  /** The record's fork (or round) means of the metric, or null with fewer than two. */
  static double[] unitMeans(ResultRecord r, Metric metric) {
    if (r == null || !r.ok() || r.levels() == null) return null;
    Levels.MetricLevels m = r.levels().metrics().get(metric.key());
    return m == null || m.unitMeans() == null || m.unitMeans().length < 2 ? null : m.unitMeans();
  }

  private static double[] runMeans(List<ResultRecord> history, Metric metric) {
    List<Double> means = new ArrayList<>();
    for (ResultRecord r : history) {
      double[] s = r.ok() ? r.samples(metric) : null;
      if (s != null && s.length > 0) means.add(mean(s));
    }
    return means.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double mean(double[] a) {
    double s = 0;
    for (double x : a) s += x;
    return s / a.length;
  }

  private static double variance(double[] a) {
    if (a.length < 2) return 0;
    double m = mean(a);
    double s = 0;
    for (double x : a) s += (x - m) * (x - m);
    return s / (a.length - 1);
  }
}
