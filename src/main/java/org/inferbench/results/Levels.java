package org.inferbench.results;

import java.util.List;
import java.util.Map;

/**
 * Where a configuration's measured requests came from and how their variance splits between the levels (schema 5):
 * forks (worker processes) and rounds (turns of the run's schedule, spread over its time) above the requests.
 * The CI in {@link MetricStats} is built from these levels ({@code method}); the within-fork bootstrap interval,
 * which a rerun does not hold when the machine drifts, is kept per metric beside it.
 *
 * @param method how the CIs of the means were built: {@code t-over-fork-means}, {@code t-over-round-means} or
 *     {@code within-fork-bootstrap} (one fork and one round: no spread above the requests was measured)
 * @param forks forks that measured requests
 * @param rounds rounds that measured requests
 * @param requestFork each measured request's fork, in the order of the samples
 * @param requestRound each measured request's round
 * @param metrics the components and intervals per metric key
 * @param failedForks forks that died, each with its reason; the configuration went on with the others
 */
public record Levels(
    String method,
    int forks,
    int rounds,
    List<Integer> requestFork,
    List<Integer> requestRound,
    Map<String, MetricLevels> metrics,
    List<String> failedForks) {

  /**
   * One metric's variance components (in the metric's unit squared) and intervals.
   *
   * @param betweenForkVar σ² between forks beyond their requests' spread; null with one fork
   * @param betweenRoundVar σ² between rounds within a fork; null where each fork is one round
   * @param withinVar σ² of requests within a round
   * @param betweenShare (between forks + between rounds) ÷ all three: how much of the uncertainty is run-to-run
   * @param unitMeans the means the CI is built over (forks, else rounds)
   * @param withinFork the 95 % percentile bootstrap over the pooled samples, as if they were independent (the CI
   *     of schema 4 and earlier; never shown as the configuration's CI)
   */
  public record MetricLevels(
      Double betweenForkVar,
      Double betweenRoundVar,
      double withinVar,
      double betweenShare,
      double[] unitMeans,
      Bounds withinFork) {}

  /** A closed interval as stored. */
  public record Bounds(double low, double high) {}
}
