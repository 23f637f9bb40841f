package org.inferbench.stats;

/** Input checks shared by the statistics: one-line messages naming what was wrong. */
public final class Samples {
  private Samples() {}

  public static void requireFinite(String what, double[] values) {
    if (values == null) throw new IllegalArgumentException(what + ": expected an array of samples, got null");
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(what + ": expected finite numbers, got " + values[i] + " at index " + i);
      }
    }
  }

  static void requireNonEmpty(String what, double[] values) {
    requireFinite(what, values);
    if (values.length == 0) throw new IllegalArgumentException(what + ": expected at least one sample, got none");
  }
}
