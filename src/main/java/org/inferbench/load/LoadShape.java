package org.inferbench.load;

/** How requests are put in flight, and how the load reaches its level at the start of the measured phase. */
public sealed interface LoadShape {
  RampUp rampUp();

  /** Closed loop: this many requests in flight at all times, each sent the moment one ends. */
  record Concurrency(int streams, RampUp rampUp) implements LoadShape {
    public Concurrency {
      if (streams < 1) throw new IllegalArgumentException("--concurrency: expected at least 1, got " + streams);
      if (rampUp == null) rampUp = RampUp.NONE;
    }

    public Concurrency(int streams) {
      this(streams, RampUp.NONE);
    }
  }

  /**
   * Open loop: sends at scheduled times whatever is in flight, up to {@code maxInFlight} (0: no limit; a request
   * whose time came while the limit is reached waits, and the wait shows as schedule lag). An infinite rate sends
   * every request at once (and cannot ramp up).
   */
  record Rate(double perSecond, Arrival arrival, double burstiness, int maxInFlight, long seed, RampUp rampUp)
      implements LoadShape {
    public Rate {
      if (!(perSecond > 0)) {
        throw new IllegalArgumentException("--request-rate: expected a positive number or inf, got " + perSecond);
      }
      if (maxInFlight < 0) throw new IllegalArgumentException("--max-concurrency: expected 0 or more, got " + maxInFlight);
      if (rampUp == null) rampUp = RampUp.NONE;
      if (Double.isInfinite(perSecond) && rampUp.seconds() > 0) {
        throw new IllegalArgumentException("--ramp-up: needs a finite --request-rate (inf sends every request at once)");
      }
    }

    public Rate(double perSecond, Arrival arrival, double burstiness, int maxInFlight, long seed) {
      this(perSecond, arrival, burstiness, maxInFlight, seed, RampUp.NONE);
    }
  }
}
