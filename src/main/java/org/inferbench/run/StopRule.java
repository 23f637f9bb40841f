package org.inferbench.run;

import org.inferbench.stats.StudentT;
import org.inferbench.workload.RunParams;

/**
 * When a configuration has measured enough: a fixed count, or adaptively once the 95 % CI half-width of the
 * headline mean is within the target percentage, bounded by min-runs, max-runs and max-time. The adaptive check
 * uses Student's t after every request because it is cheap; the bootstrap CIs in the result are computed once
 * at the end.
 */
final class StopRule {
  /** The stop reason, and the flag, of a configuration that could not reach its target in the time budget. */
  static final String OUT_OF_BUDGET = "out-of-budget";

  private StopRule() {}

  /** Why measuring stopped, or null to go on. */
  static String check(RunParams p, double[] headline, int count, long measuringNanos) {
    if (p.runs() != null) return count >= p.runs() ? "fixed-runs" : null;
    if (count >= p.maxRuns()) return "max-runs";
    if (count >= 2 && measuringNanos >= p.maxTimeS() * 1e9) return "max-time";
    if (count < p.minRuns()) return null;
    double mean = 0;
    for (int i = 0; i < count; i++) mean += headline[i];
    mean /= count;
    double half = StudentT.halfWidth(java.util.Arrays.copyOf(headline, count), 0.95);
    return half <= p.targetCi() / 100.0 * Math.abs(mean) ? "target-ci" : null;
  }
}
