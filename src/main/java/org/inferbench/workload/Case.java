package org.inferbench.workload;

/** An explicit prompt → output pair ({@code --case 128:64}). */
public record Case(int prompt, int output) {
  public static Case parse(String s) {
    String[] parts = s.split(":");
    if (parts.length != 2) throw new IllegalArgumentException("case: expected PROMPT:OUTPUT (e.g. 128:64), got '" + s + "'");
    return new Case(Lengths.parsePositive("case prompt", parts[0]), Lengths.parseNonNegative("case output", parts[1]));
  }
}
