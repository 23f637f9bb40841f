package org.inferbench.measure.energy;

import java.util.Map;

/**
 * Energy consumed between a meter's start and stop.
 *
 * @param joules total over every domain read
 * @param seconds wall time between start and stop
 * @param source how it was read, e.g. "rapl" or "nvidia-smi total_energy_consumption"
 * @param verified false where the reading path has not been checked against hardware (nvidia-smi here)
 * @param joulesByDomain per package or GPU, e.g. "package-0", "gpu0"
 */
public record EnergyReading(double joules, double seconds, String source, boolean verified,
    Map<String, Double> joulesByDomain) {
  public EnergyReading {
    joulesByDomain = Map.copyOf(joulesByDomain);
  }

  /** Average power over the measurement, in watts. */
  public double averageWatts() {
    return seconds > 0 ? joules / seconds : Double.NaN;
  }

  /** Joules per request, e.g. over the measured requests of one configuration. */
  public double joulesPerRequest(long requests) {
    if (requests <= 0) throw new IllegalArgumentException("requests: expected > 0, got " + requests);
    return joules / requests;
  }

  /** Joules per generated token (METRICS.md "energy per token"): tokens = requests × batch × output. */
  public double joulesPerToken(long generatedTokens) {
    if (generatedTokens <= 0) {
      throw new IllegalArgumentException("generated tokens: expected > 0, got " + generatedTokens);
    }
    return joules / generatedTokens;
  }
}
