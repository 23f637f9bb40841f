package org.inferbench.cli;

import java.util.List;
import java.util.Locale;
import org.inferbench.report.ConfigResult;
import org.inferbench.report.ResultSet;
import org.inferbench.report.table.BoxTable;
import org.inferbench.results.MetricStats;
import org.inferbench.results.ResultRecord;
import org.inferbench.run.TimeBudget;
import org.inferbench.workload.Durations;

/** After a budgeted run: which configurations reached the target CI and which ran out, each with its CI. */
final class BudgetSummary {
  private BudgetSummary() {}

  static String render(List<ResultRecord> records, TimeBudget budget) {
    List<ConfigResult> ok = records.stream().filter(ResultRecord::ok).map(ConfigResult::new).toList();
    if (ok.isEmpty()) return "";
    // labelled as the report labels them: the model and what tells the configurations apart
    List<String> varying = ResultSet.varying(ok);
    BoxTable t = new BoxTable("configuration", "headline", "runs", "95 % CI of the mean", "target", "");
    int reached = 0;
    for (ConfigResult c : ok) {
      ResultRecord r = c.record();
      MetricStats s = r.stats(r.headline());
      double half = s == null ? Double.NaN : (s.meanCiHigh() - s.meanCiLow()) / 2 / Math.abs(s.mean()) * 100;
      double target = r.workload().targetCi() == null ? Double.NaN : r.workload().targetCi();
      boolean met = half <= target;
      if (met) reached++;
      t.row(c.label(varying), r.headline().key(), s == null ? 0 : s.count(),
          String.format(Locale.ROOT, "±%.2f %%", half), String.format(Locale.ROOT, "±%.2g %%", target),
          r.flags().contains("out-of-budget") ? "out of budget" : met ? "reached" : "not reached");
    }
    return t.render() + String.format(Locale.ROOT, "time budget %s: %d of %d configurations reached the target; "
        + "measuring ended %s into the command%n", Durations.format(budget.seconds()), reached, ok.size(),
        Durations.format(budget.elapsedS()));
  }
}
