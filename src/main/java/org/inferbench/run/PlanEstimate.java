package org.inferbench.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.inferbench.core.ModelFacts;
import org.inferbench.measure.EnvironmentSnapshot;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.results.EnvFingerprint;
import org.inferbench.results.Metric;
import org.inferbench.results.MetricStats;
import org.inferbench.results.ResultRecord;
import org.inferbench.roofline.Roofline;
import org.inferbench.roofline.RooflineCounts;
import org.inferbench.roofline.probe.Probe;

/**
 * How long a planned configuration should take, before anything is measured: from an earlier measurement of the
 * same configuration on this machine when the results file holds one (its requests, and opening it: the worker,
 * the model's load, the engine's session), else the engine's own estimate of a request, or one from the model's
 * counts and this machine's cached probe, and an opening time from the weights' size (rough both).
 */
public final class PlanEstimate {
  /** Starting a worker JVM, as measured on a 2-core machine (about 1 s; rounded up). */
  public static final double WORKER_START_S = 1.5;
  /**
   * Loading a model and creating its session, per GB of weights: ONNX Runtime with its graph optimisations took
   * 3.6 (bert-base), 6.3 (t5-base) and 9.7 s/GB (gpt2-medium) on a 2-core machine; the highest stands for all.
   */
  static final double OPEN_S_PER_GB = 10;

  /** What an earlier record of a configuration says it cost: a request, and opening it (load and session). */
  record Measured(double requestS, double openS) {}

  /** By config_key, and by model, engine and lengths alone where the file holds one set of settings for them. */
  private final Map<String, Measured> earlier;
  private final Map<String, Measured> earlierAnySettings;
  /**
   * This machine's roofs by thread count, read once: every plan is estimated several times (the dry run, the fit
   * check before and after preparation, each window's share), and each read captures the environment and a file.
   */
  private final Map<Integer, Optional<Roofline>> roofs = new HashMap<>();
  /** A fixed machine's roofs in place of this machine's probe (shards: every node must estimate alike), or null. */
  private final Roofline reference;

  private PlanEstimate(Map<String, Measured> earlier, Map<String, Measured> earlierAnySettings, Roofline reference) {
    this.earlier = earlier;
    this.earlierAnySettings = earlierAnySettings;
    this.reference = reference;
  }

  /** Estimates without any earlier measurement. */
  public static PlanEstimate fresh() {
    return new PlanEstimate(Map.of(), Map.of(), null);
  }

  /** Estimates that use the latest ok record of each configuration measured on this machine. */
  public static PlanEstimate from(List<ResultRecord> records) {
    return from(records, EnvFingerprint.of(EnvironmentSnapshot.capture("probe", "", Map.of())), null);
  }

  /**
   * Estimates that are the same on every machine, for splitting a grid between shards: the latest ok record of each
   * configuration in {@code records} whatever machine measured it (every node is given the same file), else the
   * engine's own estimate, else the model's counts on the fixed {@code reference} machine — never this machine's
   * probe, timings or results file.
   */
  public static PlanEstimate reference(List<ResultRecord> records, Roofline reference) {
    return from(records, null, reference);
  }

  /** @param here only records of this environment fingerprint count (null: all) */
  private static PlanEstimate from(List<ResultRecord> records, String here, Roofline reference) {
    Map<String, Measured> m = new HashMap<>();
    Map<String, Measured> loose = new HashMap<>();
    Map<String, Map<String, String>> looseSettings = new HashMap<>();
    java.util.Set<String> ambiguous = new java.util.HashSet<>();
    for (ResultRecord r : records) {
      if (!r.ok() || here != null && !here.equals(r.envFingerprint())) continue;
      MetricStats s = r.stats(Metric.E2E) != null ? r.stats(Metric.E2E) : r.stats(Metric.ENCODER_LATENCY);
      if (s == null) continue;
      double open = 0;
      if (r.trackers() != null) {
        open = (orZero(r.trackers().modelLoadMs()) + orZero(r.trackers().sessionCreateMs())) / 1000;
      }
      Measured measured = new Measured(s.mean() / 1000, open);
      m.put(r.configKey(), measured);
      // the same model and lengths under other settings (e.g. those for taking turns) still tell the cost, unless
      // the file holds several sets of settings for them (threads 1 and 2 differ too much to stand for each other)
      var w = r.workload();
      String k = looseKey(w.model(), w.engine(), w.batch(), w.prompt(), w.output());
      Map<String, String> before = looseSettings.putIfAbsent(k, w.engineSettings());
      if (before != null && !before.equals(w.engineSettings())) ambiguous.add(k);
      loose.put(k, measured);
    }
    loose.keySet().removeAll(ambiguous);
    return new PlanEstimate(m, loose, reference);
  }

  private static String looseKey(String model, String engine, int batch, int prompt, int output) {
    return model + "|" + engine + "|" + batch + "|" + prompt + "|" + output;
  }

  private Measured earlier(Plan p) {
    Measured m = earlier.get(RecordBuilder.configKey(p));
    if (m != null) return m;
    var c = p.configuration();
    return earlierAnySettings.get(looseKey(c.model().label(), c.engine(), c.batch(), c.prompt(), p.output()));
  }

  /** Whether this plan's figures come from an earlier measurement rather than a model of the cost. */
  public boolean measuredBefore(Plan p) {
    return earlier(p) != null;
  }

  /** One request's time; NaN where nothing can tell. */
  public double secondsPerRequest(Plan p) {
    Measured m = earlier(p);
    if (m != null) return m.requestS();
    var c = p.configuration();
    double s;
    try {
      s = EngineRegistry.get(c.engine()).estimateSeconds(p.info(), p.settings(), c.batch(), c.prompt(), p.output());
    } catch (org.inferbench.core.BadInputException e) {
      return Double.NaN; // a planned configuration's engine is known: not reached
    }
    return Double.isNaN(s) ? fromRoofline(p) : s;
  }

  /** Loading the model and creating the engine's session: as an earlier record measured it, else from the size. */
  public double openSeconds(Plan p) {
    Measured m = earlier(p);
    if (m != null) return m.openS();
    ModelFacts f = p.info() == null ? null : p.info().facts();
    if (f == null) return 0;
    return RooflineCounts.parameters(f.dims()) * f.weights().matmul() / 1e9 * OPEN_S_PER_GB;
  }

  /** From the model's counts and this machine's cached probe (never measured here: an estimate measures nothing). */
  private double fromRoofline(Plan p) {
    if (reference != null) {
      return p.info() == null ? Double.NaN : RooflineEstimate.seconds(p.info(), reference, p.configuration().batch(),
          p.configuration().prompt(), p.output(), p.settings() == null || p.settings().kvCacheOn());
    }
    int n = p.settings().threads() > 0 ? p.settings().threads() : Runtime.getRuntime().availableProcessors();
    Optional<Roofline> roof = roofs.computeIfAbsent(n, threads -> Probe.cached(
        EnvFingerprint.of(EnvironmentSnapshot.capture("probe", "", Map.of())), threads).map(Roofline::of));
    return roof.map(r -> RooflineEstimate.seconds(p.info(), r, p.configuration().batch(), p.configuration().prompt(),
        p.output(), p.settings().kvCacheOn())).orElse(Double.NaN);
  }

  private static double orZero(Double d) {
    return d == null ? 0 : d;
  }
}
