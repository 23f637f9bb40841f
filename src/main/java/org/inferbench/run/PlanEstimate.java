package org.inferbench.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.measure.EnvironmentSnapshot;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.results.EnvFingerprint;
import org.inferbench.results.Metric;
import org.inferbench.results.MetricStats;
import org.inferbench.results.ResultRecord;
import org.inferbench.roofline.Roofline;
import org.inferbench.roofline.probe.Probe;

/**
 * How long a planned configuration should take, before anything is measured: from an earlier measurement of the
 * same configuration on this machine when the results file holds one, else the engine's own estimate, else one
 * from the model's counts and this machine's cached probe (rough: within a factor of 2–3 for ONNX Runtime here).
 */
public final class PlanEstimate {
  /** Starting a worker JVM, as measured on a 2-core machine (about 1 s; rounded up). */
  public static final double WORKER_START_S = 1.5;

  /** What an earlier record of a configuration says it cost: a request, and loading the model. */
  record Measured(double requestS, double loadS) {}

  private final Map<String, Measured> earlier;

  private PlanEstimate(Map<String, Measured> earlier) {
    this.earlier = earlier;
  }

  /** Estimates without any earlier measurement. */
  public static PlanEstimate fresh() {
    return new PlanEstimate(Map.of());
  }

  /** Estimates that use the latest ok record of each configuration measured on this machine. */
  public static PlanEstimate from(List<ResultRecord> records) {
    String here = EnvFingerprint.of(EnvironmentSnapshot.capture("probe", "", Map.of()));
    Map<String, Measured> m = new HashMap<>();
    for (ResultRecord r : records) {
      if (!r.ok() || !here.equals(r.envFingerprint())) continue;
      MetricStats s = r.stats(Metric.E2E) != null ? r.stats(Metric.E2E) : r.stats(Metric.ENCODER_LATENCY);
      if (s == null) continue;
      double load = 0;
      if (r.trackers() != null) {
        load = (orZero(r.trackers().modelLoadMs()) + orZero(r.trackers().sessionCreateMs())) / 1000;
      }
      m.put(r.configKey(), new Measured(s.mean() / 1000, load));
    }
    return new PlanEstimate(m);
  }

  /** Whether this plan's figures come from an earlier measurement rather than a model of the cost. */
  public boolean measuredBefore(Plan p) {
    return earlier.containsKey(RecordBuilder.configKey(p));
  }

  /** One request's time; NaN where nothing can tell. */
  public double secondsPerRequest(Plan p) {
    Measured m = earlier.get(RecordBuilder.configKey(p));
    if (m != null) return m.requestS();
    var c = p.configuration();
    double s;
    try {
      s = EngineRegistry.get(c.engine()).estimateSeconds(p.info(), p.settings(), c.batch(), c.prompt(), p.output());
    } catch (org.inferbench.engine.BadInputException e) {
      return Double.NaN; // a planned configuration's engine is known: not reached
    }
    return Double.isNaN(s) ? fromRoofline(p) : s;
  }

  /** Loading the model, where an earlier record measured it; 0 otherwise. */
  double loadSeconds(Plan p) {
    Measured m = earlier.get(RecordBuilder.configKey(p));
    return m == null ? 0 : m.loadS();
  }

  /** From the model's counts and this machine's cached probe (never measured here: an estimate measures nothing). */
  private static double fromRoofline(Plan p) {
    int n = p.settings().threads() > 0 ? p.settings().threads() : Runtime.getRuntime().availableProcessors();
    String fp = EnvFingerprint.of(EnvironmentSnapshot.capture("probe", "", Map.of()));
    return Probe.cached(fp, n).map(r -> RooflineEstimate.seconds(p.info(), Roofline.of(r), p.configuration().batch(),
        p.configuration().prompt(), p.output(), p.settings().kvCacheOn()))
        .orElse(Double.NaN);
  }

  private static double orZero(Double d) {
    return d == null ? 0 : d;
  }
}
