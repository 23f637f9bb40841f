package org.inferbench.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.inferbench.label.ConfigLabel;
import org.inferbench.report.table.BoxTable;
import org.inferbench.results.MetricStats;
import org.inferbench.results.ResultRecord;
import org.inferbench.run.TimeBudget;
import org.inferbench.workload.Durations;

/** After a budgeted run: which configurations reached the target CI and which ran out, each with its CI. */
final class BudgetSummary {
  private BudgetSummary() {}

  static String render(List<ResultRecord> records, TimeBudget budget) {
    List<ResultRecord> ok = records.stream().filter(ResultRecord::ok).toList();
    if (ok.isEmpty()) return "";
    List<Map<String, String>> params = ok.stream().map(BudgetSummary::parameters).toList();
    Set<String> varying = varying(params);
    BoxTable t = new BoxTable("configuration", "headline", "runs", "95 % CI of the mean", "target", "");
    int reached = 0;
    for (int i = 0; i < ok.size(); i++) {
      ResultRecord r = ok.get(i);
      MetricStats s = r.stats(r.headline());
      double half = s == null ? Double.NaN : (s.meanCiHigh() - s.meanCiLow()) / 2 / Math.abs(s.mean()) * 100;
      double target = r.workload().targetCi() == null ? Double.NaN : r.workload().targetCi();
      boolean met = half <= target;
      if (met) reached++;
      t.row(ConfigLabel.of(params.get(i), varying), r.headline().key(), s == null ? 0 : s.count(),
          String.format(Locale.ROOT, "±%.2f %%", half), String.format(Locale.ROOT, "±%.2g %%", target),
          r.flags().contains("out-of-budget") ? "out of budget" : met ? "reached" : "not reached");
    }
    return t.render() + String.format(Locale.ROOT, "time budget %s: %d of %d configurations reached the target; "
        + "measuring ended %s into the command%n", Durations.format(budget.seconds()), reached, ok.size(),
        Durations.format(budget.elapsedS()));
  }

  private static Map<String, String> parameters(ResultRecord r) {
    var w = r.workload();
    return ConfigLabel.parameters(w.model(), w.engine(), w.batch(), w.prompt(), w.output(), w.engineSettings());
  }

  private static Set<String> varying(List<Map<String, String>> all) {
    Map<String, Set<String>> values = new HashMap<>();
    for (Map<String, String> p : all) p.forEach((k, v) -> values.computeIfAbsent(k, x -> new HashSet<>()).add(v));
    Set<String> out = new HashSet<>();
    values.forEach((k, v) -> {
      if (v.size() > 1) out.add(k);
    });
    return out;
  }
}
