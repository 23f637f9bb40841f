package org.inferbench.measure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What else happened on the machine while this configuration's requests ran: CPU steal, cgroup throttling, other
 * processes' CPU time, frequency changes, this process's page faults and context switches. Counted only inside
 * the measured intervals ({@link #begin}/{@link #end} around each batch of requests), so a sibling worker that
 * measures between them under --order interleaved is not mistaken for other load.
 */
public final class NoiseTracker {
  private final NoiseCounters.Totals sum = new NoiseCounters.Totals();
  private NoiseCounters start;
  private double mhzMin = Double.NaN;
  private double mhzMax = Double.NaN;

  public void begin() {
    start = NoiseCounters.read();
    mhz(start.cpuMhz());
  }

  public void end() {
    if (start == null) return;
    NoiseCounters now = NoiseCounters.read();
    sum.add(start, now);
    mhz(now.cpuMhz());
    start = null;
  }

  private void mhz(double v) {
    if (Double.isNaN(v)) return;
    mhzMin = Double.isNaN(mhzMin) ? v : Math.min(mhzMin, v);
    mhzMax = Double.isNaN(mhzMax) ? v : Math.max(mhzMax, v);
  }

  /** The readings under {@code noise} in the record's trackers (schema names; absent where not readable). */
  public Map<String, Object> results() {
    Map<String, Object> r = new LinkedHashMap<>();
    double wallS = sum.wallNanos / 1e9;
    r.put("measured_s", round(wallS));
    String allowed = ProcStatus.text("Cpus_allowed_list");
    if (allowed != null) r.put("cpus_allowed", allowed);
    if (wallS <= 0) return r;
    if (sum.cpuReadable) {
      r.put("other_cpu_cores", round(Math.max(0, sum.busyTicks - sum.selfTicks) / NoiseCounters.TICKS_PER_S / wallS));
      r.put("self_cpu_cores", round(sum.selfTicks / NoiseCounters.TICKS_PER_S / wallS));
      r.put("steal_pct", round(100 * sum.stealTicks / NoiseCounters.TICKS_PER_S / wallS / NoiseCounters.CPUS));
    }
    if (sum.throttleReadable) {
      r.put("throttled_periods", sum.throttledPeriods);
      r.put("throttled_ms", round(sum.throttledNanos / 1e6));
    }
    if (!Double.isNaN(mhzMin)) {
      r.put("cpu_mhz_min", round(mhzMin));
      r.put("cpu_mhz_max", round(mhzMax));
    }
    if (sum.faultsReadable) {
      r.put("minor_faults", sum.minorFaults);
      r.put("major_faults", sum.majorFaults);
    }
    if (sum.switchesReadable) {
      r.put("voluntary_switches", sum.voluntarySwitches);
      r.put("involuntary_switches", sum.involuntarySwitches);
    }
    return r;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
