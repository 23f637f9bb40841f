package org.inferbench.cli;

import java.util.List;
import java.util.Locale;
import org.inferbench.core.BadInputException;
import org.inferbench.report.table.BoxTable;
import org.inferbench.run.Plan;
import org.inferbench.run.PlanEstimate;
import org.inferbench.run.TimeBudget;
import org.inferbench.workload.Durations;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.WorkloadSpec;

/** Prints the expanded configurations and an estimate of the time (under a budget, the plan), measuring nothing. */
final class DryRun {
  private DryRun() {}

  static String render(List<Plan> plans, WorkloadSpec spec, TimeBudget budget, PlanEstimate estimate)
      throws BadInputException {
    BoxTable t = new BoxTable("#", "configuration", "shape", "requests", "estimate", "note");
    double total = 0;
    boolean unknown = false;
    for (Plan p : plans) {
      var c = p.configuration();
      var params = c.params();
      int minReq = params.runs() != null ? params.runs() : params.minRuns();
      int maxReq = params.runs() != null ? params.runs() : params.maxRuns();
      if (!p.runnable()) {
        t.row(c.index() + 1, p.label(), p.info() == null ? "" : p.info().shape().label(), 0, "", "n/a: " + p.notApplicable());
        continue;
      }
      // every fork warms up and (in worker processes) opens the model again; rounds in this JVM share one open
      int forks = budget != null ? 1 : params.forkCount();
      int opens = spec.isolate() == Isolation.PROCESS ? forks : 1;
      int requests = forks * (1 + params.warmup()) + (budget != null ? minReq : maxReq);
      double perRequest = estimate.secondsPerRequest(p);
      String est;
      if (Double.isNaN(perRequest)) {
        est = "unknown";
        unknown = true;
      } else {
        // opening (the model's load and the engine's session) counts too: a large model can take longer to open
        double seconds = perRequest * requests + opens * estimate.openSeconds(p);
        total += seconds;
        est = String.format(Locale.ROOT, "%.1f s", seconds);
      }
      String reqs = minReq == maxReq ? Integer.toString(maxReq) : minReq + "–" + maxReq;
      t.row(c.index() + 1, p.label(), p.info().shape().label(), budget != null ? "≥ " + minReq : reqs, est,
          estimate.measuredBefore(p) ? "from an earlier run" : "");
    }
    boolean workers = spec.isolate() == Isolation.PROCESS;
    if (budget != null) return t.render() + budgetPlan(plans, spec, budget, estimate, workers, unknown);
    String summary = String.format(Locale.ROOT, "%d configurations; estimated time %s%.0f s%s (model loads included%s;"
        + " real engines: from FLOP and byte counts and this machine's probe, rough)%n",
        plans.size(), spec.adaptive() ? "at most " : "", total, unknown ? " for those with an estimate" : "",
        workers ? ", plus one JVM start per fork: " + (budget != null ? 1 : spec.params().forkCount())
            + " per configuration" : "");
    return t.render() + summary;
  }

  /** The budget's plan: the minimum every point gets, what is left to allocate; refused when the minimum does not fit. */
  private static String budgetPlan(List<Plan> plans, WorkloadSpec spec, TimeBudget budget, PlanEstimate estimate,
      boolean workers, boolean unknown) throws BadInputException {
    double minimum = TimeBudget.minimumSeconds(plans, workers, estimate);
    budget.checkFits(minimum);
    double left = budget.measuringLeftS();
    return String.format(Locale.ROOT, "time budget %s: every configuration first gets its minimum (%d runs after %d "
        + "warm-up%s): about %s%s; the remaining %s go, one request at a time, where the headline's 95 %% CI is "
        + "furthest from ±%s %%, configurations of one model taking turns; a point that cannot reach it in the time "
        + "left stops as out-of-budget%n", Durations.format(budget.seconds()), spec.params().minRuns(),
        spec.params().warmup(), workers ? ", one worker JVM each" : "", Durations.format(minimum),
        unknown ? " (configurations without an estimate counted as the mean of the others)" : "",
        Durations.format(Math.max(0, left - minimum)), pct(spec.params().targetCi()));
  }

  /** Percentages as typed: 2, 2.5. */
  private static String pct(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
