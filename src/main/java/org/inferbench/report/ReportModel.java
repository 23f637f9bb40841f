package org.inferbench.report;

import java.util.List;
import org.inferbench.report.plot.Plot;

/**
 * Everything a report shows, computed once and rendered by every output.
 *
 * @param question what the user asked the report to answer (its heading), or null
 * @param findings the sentences it leads with
 * @param warnings problems reading the records and anything the report could not compute as a whole
 */
public record ReportModel(String question, ResultSet set, int recordCount, Findings findings,
    List<ReportTable> tables, List<ScalingAnalysis.Series> scaling, List<Plot> plots, List<String> warnings) {
  public ReportTable table(String id) {
    return tables.stream().filter(t -> t.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("table: no table '" + id + "'"));
  }

  /** The heading: the question, else the tool's name. */
  public String title() {
    return question == null || question.isBlank() ? "InferBench report" : question.strip();
  }

  /** The figure shown first: the headline latency against prompt length where there is one, else the first. */
  public Plot mainPlot() {
    for (String id : List.of("latency_e2e", "latency_ttft", "latency_encoder_latency")) {
      for (Plot p : plots) {
        if (p.id().equals(id)) return p;
      }
    }
    return plots.isEmpty() ? null : plots.get(0);
  }

  ReportModel withWarnings(List<String> all) {
    return new ReportModel(question, set, recordCount, findings, tables, scaling, plots, all);
  }
}
