package org.inferbench.report.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A terminal table with box-drawing borders. Cells that read as numbers are right-aligned, the rest left-aligned.
 * Columns marked optional are left out (last marked first) while the table is wider than {@link
 * TableLayout#DEFAULT_WIDTH}, unless the layout is wide; a table wider than the layout's limit prints each row as a
 * block of "header value" lines instead, so that a narrow terminal never wraps a row into pieces.
 *
 * <pre>{@code
 * String text = new BoxTable("model", "TTFT p50 (ms)").row("gpt2", "12.3").render();
 * }</pre>
 */
public final class BoxTable {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();
  private final Set<Integer> optional = new LinkedHashSet<>();
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

  /**
   * Marks columns, by header, as optional: shown with {@code --wide} and otherwise only while the table fits the
   * default width. The last one named is the first left out. Headers not in the table are ignored.
   */
  public BoxTable optional(String... names) {
    for (String n : names) {
      int i = headers.indexOf(n);
      if (i >= 0) optional.add(i);
    }
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

  /** The table in this process's layout ({@link TableLayout#current()}). */
  public String render() {
    return render(TableLayout.current());
  }

  /** The table for a terminal of the layout's width: the columns that fit, a box, or one block per row. */
  public String render(TableLayout layout) {
    List<Integer> shown = new ArrayList<>();
    for (int c = 0; c < headers.size(); c++) shown.add(c);
    List<String> hidden = new ArrayList<>();
    if (!layout.wide()) {
      List<Integer> droppable = new ArrayList<>(optional);
      while (boxWidth(shown) > TableLayout.DEFAULT_WIDTH && !droppable.isEmpty()) {
        Integer c = droppable.remove(droppable.size() - 1);
        shown.remove(c);
        hidden.add(0, headers.get(c));
      }
    }
    StringBuilder sb = new StringBuilder();
    if (title != null) sb.append(title).append('\n');
    if (boxWidth(shown) > layout.limit()) {
      vertical(sb, shown, layout.limit());
    } else {
      box(sb, shown);
    }
    if (!hidden.isEmpty()) {
      String more = "more columns with --wide (or --format json|csv): " + String.join(", ", hidden);
      for (String l : wrap(more, layout.limit())) sb.append(l).append('\n');
    }
    return sb.toString();
  }

  /** The width of the box of these columns, borders included. */
  private int boxWidth(List<Integer> shown) {
    int w = 1;
    for (int c : shown) w += width(c) + 3;
    return w;
  }

  private int width(int c) {
    int w = headers.get(c).length();
    for (List<String> r : rows) w = Math.max(w, r.get(c).length());
    return w;
  }

  private void box(StringBuilder sb, List<Integer> shown) {
    int n = shown.size();
    int[] width = new int[n];
    boolean[] numeric = new boolean[n];
    List<String> head = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int c = shown.get(i);
      head.add(headers.get(c));
      width[i] = width(c);
      numeric[i] = !rows.isEmpty();
      for (List<String> r : rows) {
        if (!r.get(c).isEmpty() && !looksNumeric(r.get(c))) numeric[i] = false;
      }
    }
    sb.append(rule('┌', '┬', '┐', width)).append('\n');
    sb.append(line(head, width, new boolean[n])).append('\n');
    sb.append(rule('├', '┼', '┤', width)).append('\n');
    for (List<String> r : rows) {
      List<String> cells = new ArrayList<>();
      for (int c : shown) cells.add(r.get(c));
      sb.append(line(cells, width, numeric)).append('\n');
    }
    sb.append(rule('└', '┴', '┘', width)).append('\n');
  }

  /** One block per row: a rule naming the row, then "header  value" lines, long values wrapped under their value. */
  private void vertical(StringBuilder sb, List<Integer> shown, int limit) {
    int keyWidth = 0;
    for (int c : shown) keyWidth = Math.max(keyWidth, headers.get(c).length());
    keyWidth = Math.min(keyWidth, Math.max(8, limit / 2));
    int valueWidth = Math.max(10, limit - keyWidth - 2);
    for (int i = 0; i < rows.size(); i++) {
      String head = "── " + (i + 1) + " of " + rows.size() + " ";
      sb.append(head).append("─".repeat(Math.max(0, Math.min(limit, 40) - head.length()))).append('\n');
      for (int c : shown) {
        String v = rows.get(i).get(c);
        if (v.isEmpty()) continue;
        String key = headers.get(c);
        if (key.length() > keyWidth) {
          sb.append(key).append('\n');
          key = "";
        }
        List<String> parts = wrap(v, valueWidth);
        for (int k = 0; k < parts.size(); k++) {
          String pad = " ".repeat(keyWidth - (k == 0 ? key.length() : 0));
          sb.append(k == 0 ? key : "").append(pad).append("  ").append(parts.get(k)).append('\n');
        }
      }
    }
  }

  /** Text below a table, broken at spaces to the layout's width. */
  public static String lines(String text, TableLayout layout) {
    StringBuilder sb = new StringBuilder();
    for (String l : wrap(text, layout.limit())) sb.append(l).append('\n');
    return sb.toString();
  }

  /** Breaks text at spaces into lines of at most {@code width} characters (a longer word is cut). */
  public static List<String> wrap(String text, int width) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      while (word.length() > width) {
        if (!line.isEmpty()) {
          out.add(line.toString());
          line.setLength(0);
        }
        out.add(word.substring(0, width));
        word = word.substring(width);
      }
      if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
        out.add(line.toString());
        line.setLength(0);
      }
      if (!line.isEmpty()) line.append(' ');
      line.append(word);
    }
    if (!line.isEmpty() || out.isEmpty()) out.add(line.toString());
    return out;
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
