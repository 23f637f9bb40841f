package org.inferbench.stats;

/** A closed interval [low, high], e.g. a confidence interval. */
public record Interval(double low, double high) {
  public Interval {
    if (!(low <= high)) {
      throw new IllegalArgumentException("interval: expected low <= high, got [" + low + ", " + high + "]");
    }
  }

  public boolean contains(double x) {
    return low <= x && x <= high;
  }

  public double width() {
    return high - low;
  }
}
