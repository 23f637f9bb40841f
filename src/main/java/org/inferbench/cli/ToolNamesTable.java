package org.inferbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.inferbench.report.ConfigResult;
import org.inferbench.report.ResultSet;
import org.inferbench.report.ToolNames;
import org.inferbench.report.table.BoxTable;
import org.inferbench.stats.Percentiles;

/** {@code --metric-names TOOL}: the run's figures again, p50 / p99 under that tool's names and definitions. */
final class ToolNamesTable {
  private ToolNamesTable() {}

  static String render(List<org.inferbench.results.ResultRecord> records, ToolNames tool) {
    ResultSet set = new ResultSet(records);
    List<String> varying = set.varying();
    List<String> headers = new ArrayList<>(List.of("configuration"));
    List<List<String>> rows = new ArrayList<>();
    for (ConfigResult c : set.currentOk()) {
      Map<String, double[]> f = tool.figures(c.record());
      if (headers.size() == 1) for (String name : f.keySet()) headers.add(name + " p50 / p99 (ms)");
      List<String> row = new ArrayList<>(List.of(c.label(varying)));
      for (double[] v : f.values()) {
        row.add(v.length == 0 ? "–" : SummaryTable.f(Percentiles.of(v, 50)) + " / " + SummaryTable.f(Percentiles.of(v, 99)));
      }
      rows.add(row);
    }
    if (rows.isEmpty()) return "";
    BoxTable t = new BoxTable(headers).title("under " + tool.name().toLowerCase(java.util.Locale.ROOT) + "'s names");
    for (List<String> r : rows) t.row(r.toArray());
    return t.render();
  }
}
