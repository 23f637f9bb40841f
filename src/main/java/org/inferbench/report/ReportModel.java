package org.inferbench.report;

import java.util.List;
import org.inferbench.report.plot.Plot;

/**
 * Everything a report shows, computed once and rendered by every output.
 *
 * @param warnings problems reading the records and anything the report could not compute as a whole
 */
public record ReportModel(ResultSet set, int recordCount, List<ReportTable> tables,
    List<ScalingAnalysis.Series> scaling, List<Plot> plots, List<String> warnings) {
  public ReportTable table(String id) {
    return tables.stream().filter(t -> t.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("table: no table '" + id + "'"));
  }
}
