package org.inferbench.run;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.inferbench.core.ModelShape;
import org.inferbench.results.Levels;
import org.inferbench.results.Metric;
import org.inferbench.results.MetricStats;
import org.inferbench.results.Summaries;
import org.inferbench.stats.VarianceComponents;

/**
 * A configuration's statistics across its forks and rounds: each metric's summary with the mean's CI built over the
 * fork (else round) means ({@link VarianceComponents}), and the {@link Levels} that say how. The within-fork bootstrap
 * interval each summary had before is kept in the levels.
 */
final class ForkStatistics {
  /** The statistics per metric key, the raw samples, and the levels. */
  record Result(Map<String, MetricStats> stats, Map<String, double[]> samples, Levels levels) {}

  private ForkStatistics() {}

  static Result of(ModelShape shape, int batch, RecordBuilder.Measured m, Metric headline) {
    // per request, so that every sample (an ITL gap too) carries its request's fork and round
    Map<Metric, List<double[]>> values = new EnumMap<>(Metric.class);
    Map<Metric, List<int[]>> labels = new EnumMap<>(Metric.class);
    for (int i = 0; i < m.requests().size(); i++) {
      int[] label = {m.fork().get(i), m.round().get(i)};
      MetricSamples.compute(shape, batch, List.of(m.requests().get(i))).forEach((metric, v) -> {
        values.computeIfAbsent(metric, k -> new ArrayList<>()).add(v);
        labels.computeIfAbsent(metric, k -> new ArrayList<>()).add(label);
      });
    }
    Map<String, MetricStats> stats = new TreeMap<>();
    Map<String, double[]> samples = new TreeMap<>();
    Map<String, Levels.MetricLevels> perMetric = new TreeMap<>();
    String method = VarianceComponents.WITHIN_ONLY;
    for (Metric metric : values.keySet()) {
      int n = values.get(metric).stream().mapToInt(a -> a.length).sum();
      double[] v = new double[n];
      int[] fork = new int[n];
      int[] round = new int[n];
      int k = 0;
      for (int r = 0; r < values.get(metric).size(); r++) {
        for (double x : values.get(metric).get(r)) {
          v[k] = x;
          fork[k] = labels.get(metric).get(r)[0];
          round[k++] = labels.get(metric).get(r)[1];
        }
      }
      samples.put(metric.key(), v);
      MetricStats s = Summaries.of(v, metric.unit());
      if (s == null) continue;
      VarianceComponents.Result c = VarianceComponents.of(v, fork, round);
      if (metric == headline) method = c.method();
      perMetric.put(metric.key(), new Levels.MetricLevels(c.betweenFork(), c.betweenRound(), c.within(),
          Math.round(c.betweenShare() * 1000) / 1000.0, c.unitMeans(), new Levels.Bounds(s.meanCiLow(),
              s.meanCiHigh())));
      if (c.ci() != null) s = withMeanCi(s, c.ci().low(), c.ci().high());
      stats.put(metric.key(), s);
    }
    int forks = (int) m.fork().stream().distinct().count();
    int rounds = (int) m.round().stream().distinct().count();
    Levels levels = new Levels(method, forks, rounds, List.copyOf(m.fork()), List.copyOf(m.round()), perMetric,
        m.failedForks().isEmpty() ? null : List.copyOf(m.failedForks()));
    return new Result(stats, samples, levels);
  }

  private static MetricStats withMeanCi(MetricStats s, double low, double high) {
    return new MetricStats(s.unit(), s.count(), s.mean(), s.std(), s.cv(), s.min(), s.max(), s.p50(), s.p90(),
        s.p95(), s.p99(), low, high, s.p50CiLow(), s.p50CiHigh());
  }
}
