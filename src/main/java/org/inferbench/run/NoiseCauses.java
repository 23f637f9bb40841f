package org.inferbench.run;

import java.util.ArrayList;
import java.util.List;
import org.inferbench.results.EnvironmentRecord;
import org.inferbench.results.TrackerResults;

/** Names the likely causes of a noisy configuration from what the trackers and the environment show. */
final class NoiseCauses {
  private NoiseCauses() {}

  /** @param threads the configuration's thread setting (0: the engine's default, which fits the machine) */
  static String describe(double cv, TrackerResults t, EnvironmentRecord env, int threads) {
    List<String> causes = new ArrayList<>();
    if (t.gcCount() != null && t.gcCount() > 0) {
      causes.add(t.gcCount() + " GC pauses (" + fmt(t.gcPauseMs()) + " ms)");
    }
    if (t.jitCompileMs() != null && t.jitCompileMs() > 50) {
      causes.add("JIT compilation " + fmt(t.jitCompileMs()) + " ms (more warmup?)");
    }
    String load = env.extra() == null ? null : env.extra().get("loadavg_at_start");
    if (load != null) {
      double l1 = Double.parseDouble(load.split("\\s+")[0]);
      if (l1 > 0.5 * env.cores()) causes.add("other load (1-min load average " + load.split("\\s+")[0] + " on " + env.cores() + " cores)");
    }
    if (env.cpuGovernor() != null && !env.cpuGovernor().equals("performance")) {
      causes.add("frequency scaling (governor " + env.cpuGovernor() + ")");
    }
    if (threads > env.cores()) {
      causes.add("thread oversubscription (threads " + threads + " > " + env.cores() + " cores)");
    }
    String head = "noisy: headline CV " + fmt(cv * 100) + " % > 10 %";
    return causes.isEmpty() ? head + "; no cause visible in GC, JIT, load, governor or threads"
        : head + "; likely: " + String.join(", ", causes);
  }

  private static String fmt(Double d) {
    return d == null ? "?" : String.format(java.util.Locale.ROOT, "%.1f", d);
  }
}
