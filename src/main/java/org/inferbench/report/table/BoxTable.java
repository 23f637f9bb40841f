package org.inferbench.report.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A terminal table with box-drawing borders. Cells that read as numbers are right-aligned, the rest left-aligned.
 *
 * <pre>{@code
 * String text = new BoxTable("model", "TTFT p50 (ms)").row("gpt2", "12.3").render();
 * }</pre>
 */
public final class BoxTable {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();
  private String title;

  public BoxTable(String... headers) {
    this(Arrays.asList(headers));
  }

  public BoxTable(List<String> headers) {
    if (headers.isEmpty()) throw new IllegalArgumentException("headers: expected at least one column");
    this.headers = List.copyOf(headers);
  }

  /** A line printed above the table. */
  public BoxTable title(String title) {
    this.title = title;
    return this;
  }

  /** Adds a row; {@code null} cells print empty, a short row is padded, a long row is an error. */
  public BoxTable row(Object... cells) {
    if (cells.length > headers.size()) {
      throw new IllegalArgumentException("row: expected at most " + headers.size() + " cells, got " + cells.length);
    }
    List<String> r = new ArrayList<>(headers.size());
    for (int i = 0; i < headers.size(); i++) {
      r.add(i < cells.length && cells[i] != null ? oneLine(cells[i].toString()) : "");
    }
    rows.add(r);
    return this;
  }

  public BoxTable rows(List<? extends List<?>> more) {
    for (List<?> r : more) row(r.toArray());
    return this;
  }

  public int rowCount() {
    return rows.size();
  }

  public String render() {
    int n = headers.size();
    int[] width = new int[n];
    boolean[] numeric = new boolean[n];
    for (int c = 0; c < n; c++) {
      width[c] = headers.get(c).length();
      numeric[c] = !rows.isEmpty();
      for (List<String> r : rows) {
        width[c] = Math.max(width[c], r.get(c).length());
        if (!r.get(c).isEmpty() && !looksNumeric(r.get(c))) numeric[c] = false;
      }
    }
    StringBuilder sb = new StringBuilder();
    if (title != null) sb.append(title).append('\n');
    sb.append(rule('┌', '┬', '┐', width)).append('\n');
    sb.append(line(headers, width, new boolean[n])).append('\n');
    sb.append(rule('├', '┼', '┤', width)).append('\n');
    for (List<String> r : rows) sb.append(line(r, width, numeric)).append('\n');
    sb.append(rule('└', '┴', '┘', width)).append('\n');
    return sb.toString();
  }

  @Override
  public String toString() {
    return render();
  }

  private static String rule(char left, char mid, char right, int[] width) {
    StringBuilder sb = new StringBuilder().append(left);
    for (int c = 0; c < width.length; c++) {
      sb.append("─".repeat(width[c] + 2)).append(c == width.length - 1 ? right : mid);
    }
    return sb.toString();
  }

  private static String line(List<String> cells, int[] width, boolean[] right) {
    StringBuilder sb = new StringBuilder("│");
    for (int c = 0; c < width.length; c++) {
      String s = cells.get(c);
      String pad = " ".repeat(width[c] - s.length());
      sb.append(' ').append(right[c] ? pad + s : s + pad).append(" │");
    }
    return sb.toString();
  }

  /** Table cells are single lines: a newline inside a value (an error message) would break the borders. */
  private static String oneLine(String s) {
    return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
  }

  static boolean looksNumeric(String s) {
    return s.matches("[-+]?[0-9][0-9,]*(\\.[0-9]+)?([eE][-+]?[0-9]+)?\\s*(%|×|x|ms|MB)?") || s.equals("—");
  }
}
