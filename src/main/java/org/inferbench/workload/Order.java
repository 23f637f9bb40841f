package org.inferbench.workload;

/** The order of measured requests across configurations. */
public enum Order {
  /** Each configuration runs to completion before the next. */
  SEQUENTIAL,
  /** One request of each configuration in turn, so a drifting machine affects all alike (fair A/B). */
  INTERLEAVED,
  /** Like interleaved, each round in a seeded random order. */
  SHUFFLED;

  public static Order parse(String s) {
    for (Order o : values()) {
      if (o.name().equalsIgnoreCase(s)) return o;
    }
    throw new IllegalArgumentException("order: expected sequential, interleaved or shuffled, got '" + s + "'");
  }
}
