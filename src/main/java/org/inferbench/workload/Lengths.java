package org.inferbench.workload;

import java.util.ArrayList;
import java.util.List;

/** Parsing of the integer lists that --batch, --prompt and --output take. */
public final class Lengths {
  private Lengths() {}

  /** Parses "1,2,4" into integers ≥ 1; the message names the field. */
  public static List<Integer> parseList(String field, String text) {
    List<Integer> out = new ArrayList<>();
    for (String part : text.split(",")) out.add(parsePositive(field, part));
    return out;
  }

  public static int parsePositive(String field, String text) {
    int n = parseNonNegative(field, text);
    if (n == 0) throw new IllegalArgumentException(field + ": expected a positive integer, got '" + text.trim() + "'");
    return n;
  }

  public static int parseNonNegative(String field, String text) {
    String t = text.trim();
    try {
      int n = Integer.parseInt(t);
      if (n < 0) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": expected a positive integer, got '" + t + "'");
    }
  }
}
