package org.inferbench.run;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.inferbench.core.BadInputException;
import org.inferbench.workload.Durations;

/**
 * {@code --time-budget}: the whole command — JVM start, preparation, probe, measuring and the report — within one
 * duration. The clock starts when this JVM started; a part is kept back at the end for writing the results and
 * the report.
 */
public final class TimeBudget {
  private final double seconds;
  private final long deadlineNanos;
  private final double reserveS;

  private TimeBudget(double seconds, double reserveS, long startNanos) {
    this.seconds = seconds;
    this.reserveS = reserveS;
    this.deadlineNanos = startNanos + (long) (seconds * 1e9);
  }

  /**
   * A budget counted from {@code startNanos} (System.nanoTime's clock).
   *
   * @param reserveS what the work after measuring needs (summary, report)
   */
  public static TimeBudget from(long startNanos, double seconds, double reserveS) {
    return new TimeBudget(seconds, reserveS, startNanos);
  }

  /** A budget counted from now (a library call inside a longer-lived JVM). */
  public static TimeBudget fromNow(double seconds, double reserveS) {
    return new TimeBudget(seconds, reserveS, System.nanoTime());
  }

  /** When this JVM started, on System.nanoTime's clock. */
  public static long jvmStartNanos() {
    long sinceStartMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    return System.nanoTime() - Math.max(0, sinceStartMs) * 1_000_000L;
  }

  public double seconds() {
    return seconds;
  }

  /** Seconds left for measuring (the reserve for the end already taken off); negative when over. */
  public double measuringLeftS() {
    return (deadlineNanos - System.nanoTime()) / 1e9 - reserveS;
  }

  /** Seconds since the command started. */
  public double elapsedS() {
    return seconds - (deadlineNanos - System.nanoTime()) / 1e9;
  }

  /**
   * What every configuration's minimum is expected to take: per loaded model (see {@link LoadWindows#byLoadedModel},
   * one worker under a budget) a worker start, the model's load and one cold request; per configuration its
   * warm-up and --min-runs. Configurations without an estimate of a request count as the mean of the others.
   */
  public static double minimumSeconds(List<Plan> plans, boolean workers, PlanEstimate estimate) {
    List<Plan> runnable = plans.stream().filter(Plan::runnable).toList();
    Map<Plan, Double> perRequest = new HashMap<>();
    for (Plan p : runnable) perRequest.put(p, estimate.secondsPerRequest(p));
    double mean = perRequest.values().stream().filter(Double::isFinite).mapToDouble(d -> d).average().orElse(1);
    perRequest.replaceAll((p, s) -> Double.isFinite(s) ? s : mean);
    double total = 0;
    for (List<Plan> model : LoadWindows.byLoadedModel(runnable)) {
      double open = 0;
      for (Plan p : model) {
        open = Math.max(open, estimate.openSeconds(p));
        var params = p.configuration().params();
        // after the model's first configuration, no cold request: only the warm-up (at least one request)
        total += perRequest.get(p) * (Math.max(1, params.warmup()) + params.minRuns());
      }
      total += open + perRequest.get(model.get(0)) + (workers ? PlanEstimate.WORKER_START_S : 0);
    }
    return total;
  }

  /** Refuses a budget that cannot even hold every configuration's minimum; one line, before anything runs. */
  public void checkFits(double minimumS) throws BadInputException {
    double left = measuringLeftS();
    if (minimumS > left) {
      throw new BadInputException(String.format(Locale.ROOT, "--time-budget %s: every configuration's minimum "
          + "(worker start, warm-up and --min-runs) needs about %s but %s are left for measuring; give more time, "
          + "fewer configurations or a lower --min-runs", Durations.format(seconds), Durations.format(minimumS),
          Durations.format(Math.max(0, left))));
    }
  }
}
