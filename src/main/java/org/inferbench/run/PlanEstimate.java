package org.inferbench.run;

import java.util.Map;
import org.inferbench.measure.EnvironmentSnapshot;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.results.EnvFingerprint;
import org.inferbench.roofline.Roofline;
import org.inferbench.roofline.probe.Probe;

/** How long one request of a planned configuration should take, before anything is measured (rough). */
public final class PlanEstimate {
  /** Starting a worker JVM and loading a small model, as measured on a 2-core machine (about 1 s; rounded up). */
  public static final double WORKER_START_S = 1.5;

  private PlanEstimate() {}

  /** The engine's own estimate, else one from the model's counts and this machine's cached probe; NaN if neither. */
  public static double secondsPerRequest(Plan p) {
    var c = p.configuration();
    double s;
    try {
      s = EngineRegistry.get(c.engine()).estimateSeconds(p.info(), p.settings(), c.batch(), c.prompt(), p.output());
    } catch (org.inferbench.engine.BadInputException e) {
      return Double.NaN; // a planned configuration's engine is known: not reached
    }
    return Double.isNaN(s) ? fromRoofline(p) : s;
  }

  /** From the model's counts and this machine's cached probe (never measured here: an estimate measures nothing). */
  private static double fromRoofline(Plan p) {
    int n = p.settings().threads() > 0 ? p.settings().threads() : Runtime.getRuntime().availableProcessors();
    String fp = EnvFingerprint.of(EnvironmentSnapshot.capture("probe", "", Map.of()));
    return Probe.cached(fp, n).map(r -> RooflineEstimate.seconds(p.info(), Roofline.of(r), p.configuration().batch(),
        p.configuration().prompt(), p.output(), p.settings().kvCacheOn()))
        .orElse(Double.NaN);
  }
}
