package org.inferbench.load;

/**
 * How a load reaches its level at the start of the measured phase: linearly over {@code seconds} (0: at once).
 *
 * <p>Closed loop: the c streams start evenly spread over the ramp, stream i at i·T/c, so the count in flight climbs
 * in c steps. Open loop: the rate rises linearly from 0 to R over T, then stays at R. The schedule is the arrival
 * process at the full rate R in "operational time" u, mapped through the inverse of the integrated rate
 * Λ(t) = R·t²/(2T) for t &lt; T (then R·T/2 + R·(t − T)): t = √(2·T·u) while u &lt; T/2, else u + T/2. For Poisson
 * arrivals this time change gives exactly a Poisson process of intensity R·t/T (the time-rescaling theorem); constant
 * and gamma arrivals keep their own randomness in operational time (gamma's burstiness stays the same, gaps shrink
 * as 1/rate). After the ramp the gaps are the steady process's own. In the first half of the ramp Λ(T/2) = R·T/8,
 * a quarter of the ramp's R·T/2 requests.
 *
 * <p>vLLM's {@code --ramp-up-strategy linear} differs: it ramps by request number over the whole run (from a start to
 * an end rate) and measures every request; here the ramp is a time at the start, after which the load is steady.
 */
public record RampUp(double seconds) {
  public static final RampUp NONE = new RampUp(0);

  public RampUp {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("--ramp-up: expected a duration of 0 or more, got " + seconds);
    }
  }

  /** When stream {@code stream} of {@code streams} sends its first request, in seconds from the phase's start. */
  public double streamStartS(int stream, int streams) {
    return seconds * stream / streams;
  }

  /** The time of operational time {@code u} (seconds at the full rate), by the inverse of the integrated rate. */
  public double warp(double u) {
    if (seconds == 0) return u;
    return u < seconds / 2 ? Math.sqrt(2 * seconds * u) : u + seconds / 2;
  }

  /**
   * Send offsets (seconds from the phase's start) of every request the ramp sends, then {@code measured} more at
   * the full rate: the offsets below {@link #seconds} are the ramp's. Seeded as {@link Arrival#offsets}, and the same
   * as it without a ramp.
   */
  public double[] offsets(Arrival arrival, double ratePerS, double burstiness, int measured, long seed) {
    if (seconds == 0) return arrival.offsets(measured, ratePerS, burstiness, seed);
    if (Double.isInfinite(ratePerS)) throw new IllegalArgumentException("--ramp-up: needs a finite request rate");
    // about R·T/2 requests fall in the ramp; draw more until they all have, then keep the measured ones after
    int n = measured + (int) Math.min(Integer.MAX_VALUE / 4, Math.ceil(ratePerS * seconds)) + 16;
    while (true) {
      double[] u = arrival.offsets(n, ratePerS, burstiness, seed); // a longer draw starts with the shorter one
      int ramp = 0;
      while (ramp < u.length && u[ramp] < seconds / 2) ramp++;
      if (ramp + measured <= n) {
        double[] t = new double[ramp + measured];
        for (int i = 0; i < t.length; i++) t[i] = warp(u[i]);
        return t;
      }
      n *= 2;
    }
  }
}
