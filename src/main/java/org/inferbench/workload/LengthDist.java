package org.inferbench.workload;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How each request's prompt and output lengths spread around the configuration's own (nominal) length L, which stays
 * the configuration's axis value:
 * <ul>
 *   <li>{@code uniform:R} — vLLM's random dataset's range ratio: an integer drawn uniformly from
 *       [⌊L(1−R)⌋, ⌈L(1+R)⌉], at least 1, with R in [0, 1) as vLLM takes it;
 *   <li>{@code normal:S} — a normal of mean L and standard deviation S·L, rounded and truncated to [1, 2L−1],
 *       with S in (0, 1]. The truncation is symmetric about L (not only at 1) so that the mean stays L and the
 *       longest request is known before anything runs (a context is sized and checked for it).
 * </ul>
 * Each request draws from a generator seeded by the run's seed and the request's number only, so every run and every
 * engine with the same seed asks for the same lengths. A spread of 0 is the fixed length, which is no distribution at
 * all (null): records and config_keys stay what they were before distributions existed.
 */
public record LengthDist(Kind kind, double spread) {
  public enum Kind {
    UNIFORM,
    NORMAL
  }

  /** Keeps the draws of the lengths apart from the other seeded streams (prompts, arrivals). */
  private static final long SALT = 0x4C454E47544853L;

  public LengthDist {
    String problem = problem(kind, spread);
    if (problem != null) {
      throw new IllegalArgumentException("length-dist: " + problem + ", got "
          + (kind == null ? "null" : kind.name().toLowerCase(Locale.ROOT) + ":" + spread));
    }
  }

  /** What is wrong with a spread of this kind (0 is a fixed length, not a distribution), or null. */
  private static String problem(Kind kind, double spread) {
    if (kind == null) return "expected uniform or normal";
    if (kind == Kind.UNIFORM && !(spread > 0 && spread < 1)) {
      return "expected uniform:R with R in [0, 1) (vLLM's range ratio)";
    }
    if (kind == Kind.NORMAL && !(spread > 0 && spread <= 1)) {
      return "expected normal:S with S in (0, 1] (the standard deviation over the length)";
    }
    return null;
  }

  /**
   * {@code fixed}, {@code uniform:R} or {@code normal:S}; null for a fixed length (also {@code uniform:0},
   * {@code normal:0}).
   */
  public static LengthDist parse(String field, String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("fixed")) return null;
    int colon = t.indexOf(':');
    String name = colon < 0 ? t : t.substring(0, colon);
    Kind kind = switch (name) {
      case "uniform" -> Kind.UNIFORM;
      case "normal" -> Kind.NORMAL;
      default -> null;
    };
    double spread;
    try {
      spread = colon < 0 ? Double.NaN : Double.parseDouble(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      spread = Double.NaN;
    }
    if (kind == null || Double.isNaN(spread)) {
      throw new IllegalArgumentException(field + ": expected fixed, uniform:R (vLLM's range ratio, R in [0, 1)) or"
          + " normal:S (standard deviation S × the length, S in (0, 1]), got '" + text + "'");
    }
    if (spread == 0) return null;
    String problem = problem(kind, spread);
    if (problem != null) throw new IllegalArgumentException(field + ": " + problem + ", got '" + text + "'");
    return new LengthDist(kind, spread);
  }

  /** The generator request number {@code index} draws its lengths from (prompt first, then output). */
  public static SplittableRandom forRequest(long seed, long index) {
    return new SplittableRandom((seed ^ SALT) * 0x9E3779B97F4A7C15L + index);
  }

  /** One length around {@code nominal}; 0 stays 0 (an encoder's output). */
  public int draw(int nominal, SplittableRandom r) {
    if (nominal <= 0) return nominal;
    if (kind == Kind.UNIFORM) return r.nextInt(lowest(nominal), longest(nominal) + 1);
    if (nominal == 1) return 1;
    double sd = spread * nominal;
    while (true) { // accepts more than half the draws: [0.5, 2L − 0.5) spans ±0.75 sd or more for L ≥ 2, S ≤ 1
      double x = nominal + sd * gaussian(r);
      if (x >= 0.5 && x < 2.0 * nominal - 0.5) return (int) Math.round(x);
    }
  }

  /** The shortest length a request can draw around {@code nominal}. */
  public int lowest(int nominal) {
    if (nominal <= 0) return nominal;
    // a ratio such as 0.1 is not exact in binary: 10 × 0.9 must stay 9, 10 × 1.1 must stay 11
    return kind == Kind.UNIFORM ? Math.max(1, (int) Math.floor(nominal * (1 - spread) + 1e-9)) : 1;
  }

  /** The longest length a request can draw around {@code nominal}. */
  public int longest(int nominal) {
    if (nominal <= 0) return nominal;
    return kind == Kind.UNIFORM ? (int) Math.ceil(nominal * (1 + spread) - 1e-9) : 2 * nominal - 1;
  }

  /** How flags, records and the config_key spell it: {@code uniform:0.25}, {@code normal:0.1}. */
  public String label() {
    return kind.name().toLowerCase(Locale.ROOT) + ":" + BigDecimal.valueOf(spread).stripTrailingZeros().toPlainString();
  }

  @Override
  public String toString() {
    return label();
  }

  /** Box–Muller on the seeded generator: the same draws on every JDK (its own nextGaussian may change). */
  private static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
