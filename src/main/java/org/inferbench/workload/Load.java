package org.inferbench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a serving benchmark puts requests in flight — one point of the load axis, swept like batch or length and part
 * of the config_key: a closed loop of {@code concurrency} streams, or an open loop at {@code rate} requests/s
 * (infinite: all at once) with its arrival process, up to {@code maxConcurrency} in flight (0: no limit).
 * Configurations without one run one request at a time, as in-process engines do. A sweep ({@code sweep > 0}, as
 * GuideLLM's) finds the synchronous rate (one stream) and the maximum throughput (every request at once), then
 * measures {@code sweep} rates evenly between them; each becomes a record of its own.
 *
 * <p>{@code rampUpS} (null: none) brings the load to its level gradually at the start of the measured phase (see
 * {@link org.inferbench.load.RampUp}); {@code requestTimeoutS} (null: none) cancels a request not finished within it
 * and counts it as a timeout. Both belong to the load's identity, in its label and so in the config_key, only when
 * given: a ramp changes what the server went through before the first measured request, and a timeout decides which
 * requests enter the latencies (the slowest become errors), so results with and without them are not like with like.
 */
public record Load(Integer concurrency, Double rate, String arrival, double burstiness, int maxConcurrency, int sweep,
    Double rampUpS, Double requestTimeoutS) {
  public static final List<String> ARRIVALS = List.of("poisson", "constant", "gamma");
  /** Rates a sweep measures between the synchronous one and the maximum when none is given. */
  public static final int DEFAULT_SWEEP_RATES = 5;

  public Load {
    if (sweep < 0) throw new IllegalArgumentException("load: expected sweep or sweep:N with N ≥ 1, got sweep:" + sweep);
    if (sweep == 0 && (concurrency == null) == (rate == null)) {
      throw new IllegalArgumentException("load: give a concurrency or a rate");
    }
    if (concurrency != null && concurrency < 1) {
      throw new IllegalArgumentException("concurrency: expected a positive integer, got " + concurrency);
    }
    if (rate != null && !(rate > 0)) throw new IllegalArgumentException("request-rate: expected a positive number or inf, got " + rate);
    if (arrival != null && !ARRIVALS.contains(arrival)) {
      throw new IllegalArgumentException("arrival: expected poisson, constant or gamma, got '" + arrival + "'");
    }
    if (!(burstiness > 0)) throw new IllegalArgumentException("burstiness: expected a number above 0, got " + burstiness);
    if (maxConcurrency < 0) throw new IllegalArgumentException("max-concurrency: expected 0 or more, got " + maxConcurrency);
    if (rampUpS != null && !(rampUpS > 0 && rampUpS < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("ramp-up: expected a duration above 0, got " + rampUpS);
    }
    if (rampUpS != null && sweep > 0) {
      throw new IllegalArgumentException("ramp-up: not with --load sweep (its maximum-throughput point sends every"
          + " request at once)");
    }
    if (rampUpS != null && rate != null && rate.isInfinite()) {
      throw new IllegalArgumentException("ramp-up: needs a finite request rate (inf sends every request at once)");
    }
    if (requestTimeoutS != null && !(requestTimeoutS > 0 && requestTimeoutS < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("request-timeout: expected a duration above 0, got " + requestTimeoutS);
    }
  }

  /** A load without ramp-up or request timeout (every load before they existed). */
  public Load(Integer concurrency, Double rate, String arrival, double burstiness, int maxConcurrency, int sweep) {
    this(concurrency, rate, arrival, burstiness, maxConcurrency, sweep, null, null);
  }

  /** This load reaching its level over {@code seconds} (null: at once). */
  public Load withRampUp(Double seconds) {
    return new Load(concurrency, rate, arrival, burstiness, maxConcurrency, sweep, seconds, requestTimeoutS);
  }

  /** This load cancelling requests not finished within {@code seconds} (null: never). */
  public Load withRequestTimeout(Double seconds) {
    return new Load(concurrency, rate, arrival, burstiness, maxConcurrency, sweep, rampUpS, seconds);
  }

  /** The load axis: each concurrency, then each rate, sharing the arrival settings. */
  public static List<Load> axis(List<Integer> concurrency, List<Double> rates, String arrival, Double burstiness,
      Integer maxConcurrency) {
    List<Load> out = new ArrayList<>();
    double b = burstiness != null ? burstiness : 1;
    int max = maxConcurrency != null ? maxConcurrency : 0;
    // a closed loop's concurrency already is its limit in flight: max-concurrency belongs to the rates
    if (concurrency != null) for (int c : concurrency) out.add(new Load(c, null, null, 1, 0, 0));
    if (rates != null) for (double r : rates) out.add(new Load(null, r, arrival != null ? arrival : "poisson", b, max, 0));
    if (out.isEmpty() && (arrival != null || burstiness != null || maxConcurrency != null)) {
      throw new IllegalArgumentException("arrival/burstiness/max-concurrency: give --request-rate (or --concurrency) too");
    }
    return out;
  }

  /** A request-rate list: positive numbers or {@code inf}. */
  public static List<Double> parseRates(String field, String text) {
    List<Double> out = new ArrayList<>();
    for (String s : text.split(",")) {
      String v = s.trim().toLowerCase(Locale.ROOT);
      try {
        out.add(v.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(v));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(field + ": expected requests per second or inf, got '" + s.trim() + "'");
      }
    }
    return out;
  }

  /** {@code --load sweep[:N]}: the sweep's rates share the arrival settings. */
  public static Load sweep(String field, String text, String arrival, Double burstiness, Integer maxConcurrency) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (!t.equals("sweep") && !t.startsWith("sweep:")) {
      throw new IllegalArgumentException(field + ": expected sweep or sweep:N (N rates between the synchronous and the"
          + " maximum), got '" + text + "'");
    }
    int n = DEFAULT_SWEEP_RATES;
    if (t.startsWith("sweep:")) n = Lengths.parsePositive(field, t.substring(6));
    return new Load(null, null, arrival != null ? arrival : "poisson", burstiness != null ? burstiness : 1,
        maxConcurrency != null ? maxConcurrency : 0, n);
  }

  /** This sweep's load at a rate it found (the same arrival settings and request timeout). */
  public Load atRate(double perSecond) {
    double rounded = Double.isInfinite(perSecond) ? perSecond
        : new java.math.BigDecimal(perSecond).round(new java.math.MathContext(3)).doubleValue(); // a label, not 7.384615…
    return new Load(null, rounded, arrival, burstiness, maxConcurrency, 0, null, requestTimeoutS);
  }

  /** One stream: the sweep's synchronous point. */
  public static Load synchronous() {
    return new Load(1, null, null, 1, 0, 0);
  }

  /**
   * How tables and the config_key name it: {@code c16}, {@code r2.5/s poisson}, {@code rinf}, {@code sweep:5}, with
   * {@code ramp 10s} and {@code timeout 30s} after it when given ({@code c16 ramp 10s timeout 30s}); the first word is
   * always the shape, so a reader can take the concurrency or rate from it.
   */
  public String label() {
    return shapeLabel() + (rampUpS != null ? " ramp " + trim(rampUpS) + "s" : "")
        + (requestTimeoutS != null ? " timeout " + trim(requestTimeoutS) + "s" : "");
  }

  private String shapeLabel() {
    if (sweep > 0) return "sweep:" + sweep;
    if (concurrency != null) return "c" + concurrency;
    String r = rate.isInfinite() ? "inf" : trim(rate) + "/s " + arrival + ("gamma".equals(arrival) ? " b" + trim(burstiness) : "");
    return "r" + r + (maxConcurrency > 0 ? " max" + maxConcurrency : "");
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
