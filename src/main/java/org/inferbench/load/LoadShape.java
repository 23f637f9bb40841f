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
}
