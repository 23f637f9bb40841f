package org.inferbench.measure.energy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All of a machine's energy counters as one meter: CPU packages (RAPL) plus NVIDIA GPUs, summed. Available when at
 * least one is; otherwise the reason lists why each is not.
 */
public final class EnergyMeters implements EnergyMeter {
  private final List<EnergyMeter> meters;

  public EnergyMeters(List<EnergyMeter> meters) {
    this.meters = List.copyOf(meters);
  }

  /** RAPL under /sys/class/powercap and nvidia-smi on the PATH. */
  public static EnergyMeters system() {
    return new EnergyMeters(List.of(new RaplMeter(), new NvidiaSmiMeter()));
  }

  @Override
  public String name() {
    List<String> names = new ArrayList<>();
    for (EnergyMeter m : meters) {
      if (m.available()) names.add(m.name());
    }
    return names.isEmpty() ? "none" : String.join("+", names);
  }

  @Override
  public String unavailableReason() {
    List<String> reasons = new ArrayList<>();
    for (EnergyMeter m : meters) {
      if (m.available()) return null;
      reasons.add(m.unavailableReason());
    }
    return reasons.isEmpty() ? "no energy meters configured" : String.join("; ", reasons);
  }

  @Override
  public void start() {
    for (EnergyMeter m : meters) m.start();
  }

  @Override
  public void stop() {
    for (EnergyMeter m : meters) m.stop();
  }

  @Override
  public Optional<EnergyReading> result() {
    double joules = 0;
    double seconds = 0;
    boolean verified = true;
    boolean any = false;
    List<String> sources = new ArrayList<>();
    Map<String, Double> byDomain = new LinkedHashMap<>();
    for (EnergyMeter m : meters) {
      Optional<EnergyReading> r = m.result();
      if (r.isEmpty()) continue;
      any = true;
      joules += r.get().joules();
      seconds = Math.max(seconds, r.get().seconds());
      verified &= r.get().verified();
      sources.add(r.get().source());
      byDomain.putAll(r.get().joulesByDomain());
    }
    if (!any) return Optional.empty();
    return Optional.of(new EnergyReading(joules, seconds, String.join(" + ", sources), verified, byDomain));
  }
}
