package org.inferbench.report;

import java.util.Locale;

/** Number formatting shared by every output, so a figure reads the same in the terminal, CSV and HTML. */
public final class Fmt {
  private Fmt() {}

  /** Four significant figures for small numbers, one decimal from 100 on; never scientific below 1e9. */
  public static String num(double v) {
    if (!Double.isFinite(v)) return "—";
    double a = Math.abs(v);
    if (a == 0) return "0";
    if (a >= 100) return String.format(Locale.ROOT, "%.1f", v);
    if (a >= 10) return String.format(Locale.ROOT, "%.2f", v);
    if (a >= 1) return String.format(Locale.ROOT, "%.3f", v);
    if (a >= 0.001) return String.format(Locale.ROOT, "%.4f", v);
    return String.format(Locale.ROOT, "%.3e", v);
  }

  /** "1.23 [1.10, 1.31]"; the interval left out where it is not known. */
  public static String withCi(double v, double low, double high) {
    if (!Double.isFinite(low) || !Double.isFinite(high)) return num(v);
    return num(v) + " [" + num(low) + ", " + num(high) + "]";
  }

  public static String pct(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "—";
  }
}
