package org.inferbench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trackers' readings of a configuration's forks as one: the highest of the peaks (a configuration needs the
 * memory of its worst fork), the sums of what is counted (GC, JIT, energy, faults, measured seconds: each fork
 * compiles and collects anew), and the rates ({@code other_cpu_cores}, {@code steal_pct}) weighted by each fork's
 * measured seconds. Anything else is the first fork's.
 */
final class ForkTrackers {
  /** Readings whose forks' values add up. */
  private static final Set<String> SUMS = Set.of("gc_count", "gc_pause_ms", "jit_compile_ms", "energy_j",
      "measured_s", "throttled_periods", "throttled_ms", "minor_faults", "major_faults", "voluntary_switches",
      "involuntary_switches");
  /** Readings that are rates over the measured time. */
  private static final Set<String> RATES = Set.of("other_cpu_cores", "self_cpu_cores", "steal_pct");

  private final List<Map<String, Object>> forks = new ArrayList<>();

  void add(Map<String, Object> readings) {
    forks.add(readings);
  }

  Map<String, Object> merged() {
    return merge(forks);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(List<Map<String, Object>> forks) {
    if (forks.isEmpty()) return new LinkedHashMap<>();
    if (forks.size() == 1) return new LinkedHashMap<>(forks.get(0));
    Map<String, Object> out = new LinkedHashMap<>(forks.get(0));
    for (String key : forks.get(0).keySet()) {
      Object first = forks.get(0).get(key);
      if (first instanceof Map<?, ?>) {
        List<Map<String, Object>> nested = new ArrayList<>();
        for (Map<String, Object> f : forks) {
          if (f.get(key) instanceof Map<?, ?> m) nested.add((Map<String, Object>) m);
        }
        out.put(key, merge(nested));
      } else if (first instanceof Number) {
        out.put(key, combine(key, forks));
      }
    }
    return out;
  }

  private static Object combine(String key, List<Map<String, Object>> forks) {
    double sum = 0;
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    double weighted = 0;
    double weights = 0;
    boolean integral = true;
    for (Map<String, Object> f : forks) {
      if (!(f.get(key) instanceof Number n)) continue;
      double v = n.doubleValue();
      integral &= n instanceof Long || n instanceof Integer;
      sum += v;
      max = Math.max(max, v);
      min = Math.min(min, v);
      double w = f.get("measured_s") instanceof Number s ? s.doubleValue() : 1;
      weighted += v * w;
      weights += w;
    }
    if (SUMS.contains(key)) return integral ? (Object) Math.round(sum) : (Object) sum;
    if (RATES.contains(key)) return weights > 0 ? Math.round(weighted / weights * 1000) / 1000.0 : weighted;
    if (key.contains("min")) return min;
    // peaks, heap and resident sizes, clock maxima: the worst fork's
    return integral ? (Object) Math.round(max) : (Object) max;
  }
}
