package org.inferbench.measure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.inferbench.measure.energy.EnergyMeter;
import org.inferbench.measure.energy.EnergyMeters;
import org.inferbench.measure.energy.EnergyReading;

/**
 * Energy over the measured requests, from the machine's counters (RAPL, NVIDIA); where none is readable the
 * result says why instead of leaving a blank.
 */
public final class EnergyTracker implements Tracker {
  private final EnergyMeter meter;

  public EnergyTracker() {
    this(EnergyMeters.system());
  }

  EnergyTracker(EnergyMeter meter) {
    this.meter = meter;
  }

  @Override
  public void start() {
    meter.start();
  }

  @Override
  public void stop() {
    meter.stop();
  }

  @Override
  public Map<String, Object> results() {
    Map<String, Object> r = new LinkedHashMap<>();
    EnergyReading e = meter.result().orElse(null);
    if (e == null) {
      String why = meter.unavailableReason();
      r.put("energy_note", why != null ? why : "energy counters could not be read");
      return r;
    }
    r.put("energy_j", e.joules());
    r.put("energy_avg_power_w", e.averageWatts());
    r.put("energy_source", e.source());
    if (!e.verified()) r.put("energy_verified", false);
    return r;
  }
}
