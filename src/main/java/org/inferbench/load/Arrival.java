package org.inferbench.load;

import java.util.Locale;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;

/**
 * How open-loop requests arrive at a mean rate: evenly spaced, as a Poisson process, or gamma-distributed gaps whose
 * burstiness B sets the shape (B = 1 is Poisson; below 1 burstier, above 1 more even; the mean gap stays 1/rate).
 */
public enum Arrival {
  CONSTANT,
  POISSON,
  GAMMA;

  public static Arrival parse(String field, String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": expected constant, poisson or gamma, got '" + value + "'");
    }
  }

  /**
   * Seeded send offsets (seconds from the start) of {@code n} requests at {@code ratePerS} (infinite: all at 0). The
   * draws are sequential, so a longer draw with the same seed starts with the shorter one ({@link RampUp} relies on it).
   *
   * @param burstiness gamma's shape (ignored by the others); must be positive
   */
  public double[] offsets(int n, double ratePerS, double burstiness, long seed) {
    if (!(ratePerS > 0)) throw new IllegalArgumentException("rate must be positive");
    if (Double.isInfinite(ratePerS)) return new double[n]; // every request at once
    if (!(burstiness > 0)) throw new IllegalArgumentException("burstiness must be positive");
    double[] out = new double[n];
    double mean = 1 / ratePerS;
    SplittableRandom rnd = new SplittableRandom(seed);
    RandomGenerator gen = new Well19937c(seed);
    GammaDistribution gamma = this == GAMMA ? new GammaDistribution(burstiness, mean / burstiness) : null;
    double t = 0;
    for (int i = 0; i < n; i++) {
      out[i] = t;
      t += switch (this) {
        case CONSTANT -> mean;
        case POISSON -> -Math.log(1 - rnd.nextDouble()) * mean;
        case GAMMA -> gamma.inverseCumulativeProbability(gen.nextDouble());
      };
    }
    return out;
  }
}
