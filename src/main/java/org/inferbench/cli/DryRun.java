package org.inferbench.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.inferbench.engine.BadInputException;
import org.inferbench.measure.EnvironmentSnapshot;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.report.table.BoxTable;
import org.inferbench.results.EnvFingerprint;
import org.inferbench.roofline.Roofline;
import org.inferbench.roofline.probe.Probe;
import org.inferbench.run.Plan;
import org.inferbench.run.RooflineEstimate;
import org.inferbench.workload.WorkloadSpec;

/** Prints the expanded configurations and an estimate of the time, measuring nothing. */
final class DryRun {
  private DryRun() {}

  static String render(List<Plan> plans, WorkloadSpec spec) throws BadInputException {
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
      int requests = 1 + params.warmup() + maxReq;
      double perRequest = EngineRegistry.get(c.engine()).estimateSeconds(p.info(), p.settings(), c.batch(), c.prompt(), p.output());
      if (Double.isNaN(perRequest)) perRequest = fromRoofline(p);
      String est;
      if (Double.isNaN(perRequest)) {
        est = "unknown";
        unknown = true;
      } else {
        total += perRequest * requests;
        est = String.format(Locale.ROOT, "%.1f s", perRequest * requests);
      }
      String reqs = minReq == maxReq ? Integer.toString(maxReq) : minReq + "–" + maxReq;
      t.row(c.index() + 1, p.label(), p.info().shape().label(), reqs, est, "");
    }
    String summary = String.format(Locale.ROOT, "%d configurations; estimated measuring time %s%.0f s%s (plus model loads%s;"
        + " real engines: from FLOP and byte counts and this machine's probe, rough)%n",
        plans.size(), spec.adaptive() ? "at most " : "", total, unknown ? " for those with an estimate" : "",
        spec.isolate().name().equals("PROCESS") ? " and one JVM start per configuration" : "");
    return t.render() + summary;
  }

  /** From the model's counts and this machine's cached probe (never measured here: a dry run measures nothing). */
  private static double fromRoofline(Plan p) {
    int n = p.settings().threads() > 0 ? p.settings().threads() : Runtime.getRuntime().availableProcessors();
    String fp = EnvFingerprint.of(EnvironmentSnapshot.capture("probe", "", Map.of()));
    return Probe.cached(fp, n).map(r -> RooflineEstimate.seconds(p.info(), Roofline.of(r), p.configuration().batch(),
        p.configuration().prompt(), p.output(), p.settings().kvCacheOn()))
        .orElse(Double.NaN);
  }
}
