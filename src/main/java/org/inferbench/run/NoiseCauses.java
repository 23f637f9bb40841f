package org.inferbench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.inferbench.results.EnvironmentRecord;
import org.inferbench.results.Levels;
import org.inferbench.stats.VarianceComponents;

/**
 * Names what may have moved a configuration's numbers, from what was counted while its requests ran (the
 * {@code noise} readings, GC, JIT) and the environment. Computed for every configuration, noisy or not, so a
 * record says when the machine rather than the model may have moved it.
 */
final class NoiseCauses {
  /** Other processes using this much of a core on average, while the requests ran, is load worth naming. */
  static final double OTHER_CORES = 0.25;
  /** Steal above this share of the measured CPU time: the hypervisor gave the vCPUs to another guest. */
  static final double STEAL_PCT = 1.0;
  /** A clock that moved by more than this between readings changed the speed of every operation. */
  static final double MHZ_CHANGE = 0.05;
  /** Preemptions per second of measuring above which the scheduler took the CPU away often enough to matter. */
  static final double PREEMPTIONS_PER_S = 200;

  /**
   * Shares of the measured time above which GC pauses and JIT compilation (on the compiler's threads, taking a core
   * from the engine) can move a mean: 300 ms of compiling beside 25 s of gpt2-medium requests cannot.
   */
  static final double GC_SHARE = 0.01;
  static final double JIT_SHARE = 0.02;

  private NoiseCauses() {}

  /**
   * @param trackers the record's tracker readings (schema names; {@code noise} a map of {@link
   *     org.inferbench.measure.NoiseTracker}'s readings)
   * @param threads the configuration's thread setting (0: the engine's default, which fits the machine)
   */
  static List<String> likely(Map<String, Object> trackers, EnvironmentRecord env, int threads) {
    List<String> causes = new ArrayList<>();
    Map<?, ?> n = trackers.get("noise") instanceof Map<?, ?> m ? m : Map.of();
    double other = num(n, "other_cpu_cores");
    if (other >= OTHER_CORES) {
      causes.add("other load (other processes used " + fmt(other) + " of " + env.cores() + " cores while it ran)");
    }
    double steal = num(n, "steal_pct");
    if (steal >= STEAL_PCT) causes.add("CPU steal " + fmt(steal) + " % (the hypervisor ran another guest)");
    double throttled = num(n, "throttled_periods");
    if (throttled > 0) {
      causes.add("cgroup CPU throttling (" + (long) throttled + " periods, " + fmt(num(n, "throttled_ms")) + " ms)");
    }
    double lo = num(n, "cpu_mhz_min");
    double hi = num(n, "cpu_mhz_max");
    if (hi > 0 && (hi - lo) / hi > MHZ_CHANGE) causes.add("frequency change (" + fmt(lo) + "–" + fmt(hi) + " MHz)");
    double major = num(n, "major_faults");
    if (major > 0) causes.add((long) major + " major page faults (reads from disk or swap)");
    double seconds = num(n, "measured_s");
    double preempted = num(n, "involuntary_switches");
    if (seconds > 0 && preempted / seconds > PREEMPTIONS_PER_S) {
      causes.add("preempted " + fmt(preempted / seconds) + " times/s (involuntary context switches)");
    }
    double gc = num(trackers, "gc_count");
    double gcMs = num(trackers, "gc_pause_ms");
    if (gc > 0 && atLeastShare(gcMs, seconds, GC_SHARE)) causes.add((long) gc + " GC pauses (" + fmt(gcMs) + " ms)");
    double jit = num(trackers, "jit_compile_ms");
    if (jit > 50 && atLeastShare(jit, seconds, JIT_SHARE)) causes.add("JIT compilation " + fmt(jit) + " ms (more warmup?)");
    if (env.cpuGovernor() != null && !env.cpuGovernor().equals("performance")) {
      causes.add("frequency scaling (governor " + env.cpuGovernor() + ")");
    }
    if (threads > env.cores()) causes.add("thread oversubscription (threads " + threads + " > " + env.cores() + " cores)");
    return causes;
  }

  /** The note of a configuration flagged noisy. */
  static String describe(double cv, List<String> causes) {
    String head = "noisy: headline CV " + fmt(cv * 100) + " % > 10 %";
    return causes.isEmpty() ? head + "; no cause visible in load, steal, throttling, clock, faults, preemption, GC, JIT"
        + " or threads" : head + "; likely: " + String.join(", ", causes);
  }

  /** Above this share of the variance between forks or rounds, the uncertainty is named run-to-run. */
  static final double RUN_TO_RUN_SHARE = 0.5;

  /**
   * Where the headline's variance sits, in words: what a user should change to narrow its CI. Said for every
   * configuration, since the machine drifting between forks moves a mean more than anything one fork can see.
   */
  static String levels(Levels levels, String headline) {
    Levels.MetricLevels m = levels.metrics().get(headline);
    if (m == null) return "variance levels: " + headline + " has no samples";
    String shape = levels.forks() + (levels.forks() == 1 ? " fork" : " forks") + ", " + levels.rounds()
        + (levels.rounds() == 1 ? " round" : " rounds");
    if (VarianceComponents.WITHIN_ONLY.equals(levels.method())) {
      return "variance levels: " + shape + ": the spread between runs was not measured, so the CI (within one"
          + " process) may not hold on a rerun; measure in forks (--forks 5 or more; a time budget measures in one)";
    }
    String where = levels.forks() >= 2 ? "between forks" : "between rounds";
    long pct = Math.round(m.betweenShare() * 100);
    String verdict = m.betweenShare() >= RUN_TO_RUN_SHARE
        ? "most of the uncertainty is run-to-run: more forks, not more requests"
        : "most of the uncertainty is request-to-request: more requests per fork narrow the CI too";
    return "variance levels (" + headline + ", " + shape + "): " + pct + " % " + where + ", " + (100 - pct)
        + " % within; " + verdict;
  }

  /** Whether {@code ms} is at least this share of the measured seconds (or the seconds are not known). */
  private static boolean atLeastShare(double ms, double seconds, double share) {
    return !(seconds > 0) || Double.isNaN(ms) || ms >= share * seconds * 1000;
  }

  private static double num(Map<?, ?> m, String key) {
    return m.get(key) instanceof Number v ? v.doubleValue() : Double.NaN;
  }

  private static String fmt(double d) {
    if (Double.isNaN(d)) return "?";
    return Math.abs(d) >= 10 ? String.format(Locale.ROOT, "%.0f", d)
        : String.format(Locale.ROOT, "%.2f", d).replaceAll("\\.?0+$", "");
  }
}
