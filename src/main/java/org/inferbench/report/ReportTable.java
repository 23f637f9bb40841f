package org.inferbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One aggregated table of the report, the same in every output (terminal, tables/ID.csv, summary.json, HTML).
 *
 * @param id file-name-safe identifier, e.g. "configurations"
 * @param notes what the table could not compute and why, and caveats (e.g. different machines)
 */
public record ReportTable(String id, String title, List<String> headers, List<List<Cell>> rows, List<String> notes) {
  public ReportTable {
    headers = List.copyOf(headers);
    rows = List.copyOf(rows);
    notes = List.copyOf(notes);
    for (List<Cell> r : rows) {
      if (r.size() != headers.size()) {
        throw new IllegalArgumentException("table " + id + ": row has " + r.size() + " cells, expected "
            + headers.size());
      }
    }
  }

  /** Builds a table row by row. */
  public static final class Builder {
    private final String id;
    private final String title;
    private final List<String> headers;
    private final List<List<Cell>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Builder(String id, String title, List<String> headers) {
      this.id = id;
      this.title = title;
      this.headers = headers;
    }

    public Builder row(List<Cell> cells) {
      rows.add(List.copyOf(cells));
      return this;
    }

    public Builder note(String note) {
      if (!notes.contains(note)) notes.add(note);
      return this;
    }

    public boolean isEmpty() {
      return rows.isEmpty();
    }

    public ReportTable build() {
      return new ReportTable(id, title, headers, rows, notes);
    }
  }
}
