package org.inferbench.load;

/** How requests are put in flight. */
public sealed interface LoadShape {
  /** Closed loop: this many requests in flight at all times, each sent the moment one ends. */
  record Concurrency(int streams) implements LoadShape {
    public Concurrency {
      if (streams < 1) throw new IllegalArgumentException("--concurrency: expected at least 1, got " + streams);
    }
  }

  /**
   * Open loop: sends at scheduled times whatever is in flight, up to {@code maxInFlight} (0: no limit; a request
   * whose time came while the limit is reached waits, and the wait shows as schedule lag). An infinite rate sends
   * every request at once.
   */
  record Rate(double perSecond, Arrival arrival, double burstiness, int maxInFlight, long seed) implements LoadShape {
    public Rate {
      if (!(perSecond > 0)) {
        throw new IllegalArgumentException("--request-rate: expected a positive number or inf, got " + perSecond);
      }
      if (maxInFlight < 0) throw new IllegalArgumentException("--max-concurrency: expected 0 or more, got " + maxInFlight);
    }
  }

  /** Short label for tables and config keys: {@code c16}, {@code r2.5/s poisson}. */
  default String label() {
    return switch (this) {
      case Concurrency c -> "c" + c.streams();
      case Rate r when Double.isInfinite(r.perSecond()) -> "rinf" + (r.maxInFlight() > 0 ? " max" + r.maxInFlight() : "");
      case Rate r -> "r" + trim(r.perSecond()) + "/s " + r.arrival().name().toLowerCase(java.util.Locale.ROOT)
          + (r.arrival() == Arrival.GAMMA ? " b" + trim(r.burstiness()) : "") + (r.maxInFlight() > 0 ? " max" + r.maxInFlight() : "");
    };
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
