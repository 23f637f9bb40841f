package org.inferbench.report;

/**
 * One table cell: the text shown and, for numeric cells, the value that CSV, JSON and sorting use.
 *
 * @param value null for text cells and for numbers that could not be computed
 */
public record Cell(String text, Double value) {
  public static final Cell EMPTY = new Cell("", null);
  /** Shown where a number cannot be computed. */
  public static final Cell NONE = new Cell("—", null);

  public static Cell text(String s) {
    return s == null ? EMPTY : new Cell(s, null);
  }

  /** A number shown with a precision that suits its size; NaN or infinite values show as "—". */
  public static Cell num(double v) {
    return Double.isFinite(v) ? new Cell(Fmt.num(v), v) : NONE;
  }

  public static Cell num(Double v) {
    return v == null ? NONE : num(v.doubleValue());
  }

  /** A number with explicit text (e.g. with its confidence interval) that still sorts by the number. */
  public static Cell num(double v, String text) {
    return Double.isFinite(v) ? new Cell(text, v) : NONE;
  }

  /** A parameter value: numeric (and so sorted as a number) when it reads as one, text otherwise. */
  public static Cell parameter(String s) {
    if (s == null) return EMPTY;
    if (s.matches("-?[0-9]+(\\.[0-9]+)?")) return new Cell(s, Double.parseDouble(s));
    return new Cell(s, null);
  }

  public static Cell integer(long v) {
    return new Cell(Long.toString(v), (double) v);
  }

  @Override
  public String toString() {
    return text;
  }
}
