package org.inferbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.inferbench.results.LoadedResults;
import org.inferbench.results.Metric;
import org.inferbench.results.MetricStats;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.inferbench.stats.Coverage;
import org.inferbench.stats.Interval;
import org.inferbench.report.table.BoxTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inferbench coverage}: how far this machine lets a CI be trusted. Reads the reruns of each configuration in a
 * results file (scripts/coverage.sh makes them) and says, per metric, in how many reruns the record's 95 % CI held
 * the mean of the others — the CI across forks and the within-fork one beside it — with the spread of the run means
 * and where the variance sat.
 */
@Command(name = "coverage", mixinStandardHelpOptions = true,
    description = "For each configuration measured 3 or more times in RESULTS: how many runs' 95 %% CI of the mean holds"
        + " the mean of the other runs (the CI across forks, and the within-fork CI), the run means' spread and the"
        + " share of the variance between forks.")
final class CoverageCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "RESULTS", description = "Results file (default results/results.jsonl).")
  Path results;

  @Option(names = "--metrics", paramLabel = "KEYS", split = ",", description = "Metrics (default e2e,tpot,ttft).")
  List<String> metrics = List.of("e2e", "tpot", "ttft");

  @Override
  public Integer call() throws Exception {
    Path file = results != null ? results : org.inferbench.workload.WorkloadBuilder.DEFAULT_RESULTS;
    LoadedResults loaded = ResultStore.read(file);
    Map<String, List<ResultRecord>> byKey = new LinkedHashMap<>();
    for (ResultRecord r : loaded.records()) {
      if (r.ok()) byKey.computeIfAbsent(r.configKey(), k -> new ArrayList<>()).add(r);
    }
    BoxTable t = new BoxTable(List.of("configuration", "metric", "runs", "CI holds others", "1-fork CI holds",
        "sd of run means", "mean CI ±", "between forks")).optional("1-fork CI holds");
    int shown = 0;
    for (List<ResultRecord> runs : byKey.values()) {
      if (runs.size() < 3) continue;
      for (String key : metrics) {
        Metric m = Metric.byKey(key);
        Row row = row(runs, m);
        if (row == null) continue;
        t.row(label(runs.get(0)), key, runs.size(), row.honest() + " / " + runs.size(), row.within() + " / "
            + runs.size(), pct(row.sdPct()), pct(row.halfPct()), row.share() == null ? "–" : pct(row.share() * 100));
        shown++;
      }
    }
    if (shown == 0) {
      System.err.println("coverage: no configuration in " + file + " was measured 3 or more times (rerun it with"
          + " scripts/coverage.sh)");
      return ExitCodes.BAD_INPUT;
    }
    System.out.print(t.render());
    System.out.println("CI holds others: runs whose 95 % CI (across forks where the record has them) contains the mean"
        + " of\nthe other runs; the target is 90 % or more. 1-fork CI: the bootstrap over the requests as if independent.");
    return ExitCodes.OK;
  }

  /** One metric's coverage over the runs; null when a run lacks the metric. */
  private record Row(int honest, int within, double sdPct, double halfPct, Double share) {}

  private static Row row(List<ResultRecord> runs, Metric m) {
    double[] means = new double[runs.size()];
    Interval[] honest = new Interval[runs.size()];
    Interval[] within = new Interval[runs.size()];
    double half = 0;
    double share = 0;
    int shares = 0;
    for (int i = 0; i < runs.size(); i++) {
      ResultRecord r = runs.get(i);
      MetricStats s = r.stats(m);
      if (s == null) return null;
      means[i] = s.mean();
      honest[i] = new Interval(s.meanCiLow(), s.meanCiHigh());
      var levels = r.levels() == null ? null : r.levels().metrics().get(m.key());
      // a record before forks: its CI is the within-fork one
      within[i] = levels == null ? honest[i] : new Interval(levels.withinFork().low(), levels.withinFork().high());
      half += (s.meanCiHigh() - s.meanCiLow()) / 2 / Math.abs(s.mean()) * 100 / runs.size();
      if (levels != null) {
        share += levels.betweenShare();
        shares++;
      }
    }
    double mean = 0;
    for (double x : means) mean += x / means.length;
    double var = 0;
    for (double x : means) var += (x - mean) * (x - mean) / (means.length - 1);
    return new Row(Coverage.hits(means, honest), Coverage.hits(means, within), Math.sqrt(var) / mean * 100, half,
        shares == 0 ? null : share / shares);
  }

  private static String label(ResultRecord r) {
    var w = r.workload();
    return w.model() + " " + w.engine() + " b" + w.batch() + " p" + w.prompt() + " o" + w.output();
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f %%", v);
  }
}
