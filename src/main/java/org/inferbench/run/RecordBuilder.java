package org.inferbench.run;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.inferbench.engine.ModelInfo;
import org.inferbench.core.ModelShape;
import org.inferbench.measure.EnvironmentSnapshot;
import org.inferbench.results.ConfigKey;
import org.inferbench.results.EnvFingerprint;
import org.inferbench.results.EnvironmentRecord;
import org.inferbench.results.Levels;
import org.inferbench.results.Metric;
import org.inferbench.results.MetricStats;
import org.inferbench.results.RequestFileRecord;
import org.inferbench.results.RequestTokens;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.Status;
import org.inferbench.results.Summaries;
import org.inferbench.results.TrackerResults;
import org.inferbench.results.WorkloadRecord;
import org.inferbench.workload.Configuration;
import org.inferbench.workload.RunParams;

/** Turns what a session measured into the one result schema: statistics, raw samples, trackers, flags. */
public final class RecordBuilder {
  /** Above this headline CV a configuration is flagged noisy (METRICS.md). */
  public static final double NOISY_CV = 0.10;

  private final String runId;
  private final RooflineAnnotator roofline;
  private String shard;
  private String shardGrid;
  private String shardEstimates;
  private java.nio.file.Path timelines;

  /** @param roofline adds MBU/MFU where the model's config is known; null to skip */
  public RecordBuilder(String runId, RooflineAnnotator roofline) {
    this.runId = runId;
    this.roofline = roofline;
  }

  /** Where serving runs write their per-chunk timelines (next to the results), or null for nowhere. */
  public RecordBuilder timelines(java.nio.file.Path dir) {
    this.timelines = dir;
    return this;
  }

  java.nio.file.Path timelines() {
    return timelines;
  }

  String runId() {
    return runId;
  }

  /**
   * Records of a sharded run carry their shard ("I/N") in environment.extra, beside the host, with the hash of the
   * grid the split was made of and what estimated it (merge checks both agree across shards).
   */
  public RecordBuilder shard(String label, String grid, String estimates) {
    this.shard = label;
    this.shardGrid = grid;
    this.shardEstimates = estimates;
    return this;
  }

  private EnvironmentRecord environment(Plan plan, String engineVersion, Map<String, String> settings) {
    EnvironmentRecord e = EnvironmentSnapshot.capture(plan.configuration().engine(), engineVersion, settings);
    String pinned = plan.configuration().params().pinCpus();
    if (shard == null && pinned == null) return e;
    Map<String, String> extra = new TreeMap<>(e.extra());
    if (shard != null) extra.put("shard", shard);
    if (shardGrid != null) extra.put("shard_grid", shardGrid);
    if (shardEstimates != null) extra.put("shard_estimates", shardEstimates);
    if (pinned != null) extra.put("pinned_cpus", pinned);
    return new EnvironmentRecord(e.cpuModel(), e.cores(), e.cpuFlags(), e.memoryMb(), e.os(), e.kernel(), e.jvm(),
        e.toolVersion(), e.gitCommit(), e.engine(), e.engineVersion(), e.engineSettings(), e.cpuGovernor(), extra);
  }

  /**
   * What a configuration measured in its forks: the requests in the order measured, each one's fork and round, and
   * the forks that died (with their reasons).
   */
  public record Measured(List<MeasuredRequest> requests, List<Integer> fork, List<Integer> round,
      List<String> failedForks) {}

  /** A configuration measured in forks: its CIs are built across them ({@link ForkStatistics}). */
  public ResultRecord ok(Plan plan, ConfigurationSession.Opened opened, Measured measured,
      Map<String, Object> trackers, String stopReason) {
    ModelInfo info = plan.info();
    String h = plan.configuration().params().headline();
    Metric headline = h != null ? Metric.byKey(h) : Metric.defaultHeadline(info.shape());
    ForkStatistics.Result r = ForkStatistics.of(info.shape(), plan.configuration().batch(), measured, headline);
    return ok(plan, opened, measured.requests(), trackers, stopReason, r.stats(), r.samples(), r.levels());
  }

  /** Requests measured as one sample (under a load: its caller replaces the CIs with batch means); no levels. */
  public ResultRecord ok(Plan plan, ConfigurationSession.Opened opened, List<MeasuredRequest> requests,
      Map<String, Object> trackers, String stopReason) {
    Map<Metric, double[]> samples = MetricSamples.compute(plan.info().shape(), plan.configuration().batch(), requests);
    Map<String, MetricStats> stats = new TreeMap<>();
    Map<String, double[]> raw = new TreeMap<>();
    samples.forEach((m, v) -> {
      MetricStats s = Summaries.of(v, m.unit());
      if (s != null) stats.put(m.key(), s);
      raw.put(m.key(), v);
    });
    return ok(plan, opened, requests, trackers, stopReason, stats, raw, null);
  }

  private ResultRecord ok(Plan plan, ConfigurationSession.Opened opened, List<MeasuredRequest> requests,
      Map<String, Object> trackers, String stopReason, Map<String, MetricStats> stats, Map<String, double[]> raw,
      Levels levels) {
    Configuration c = plan.configuration();
    ModelInfo info = plan.info();
    ModelShape shape = info.shape();
    Map<String, Object> all = new LinkedHashMap<>(opened.facts());
    all.putAll(trackers);
    if (all.get("energy_j") instanceof Number joules) {
      all.put("energy_per_request_j", joules.doubleValue() / requests.size());
      if (shape.generates()) {
        long tokens = 0;
        for (MeasuredRequest r : requests) tokens += (long) r.offsets().length * c.batch();
        all.put("energy_per_token_j", joules.doubleValue() / tokens);
      }
    }
    if (roofline != null) {
      Map<String, Object> roof = roofline.annotate(info, plan.settings(), c.batch(), c.prompt(), plan.output(), stats);
      if (!roof.isEmpty()) all.put("roofline", roof);
    }
    EnvironmentRecord env = environment(plan, opened.engineVersion(), opened.effectiveSettings());
    List<String> causes = NoiseCauses.likely(all, env, plan.settings().threads());
    Map<String, Object> noise = new LinkedHashMap<>(all.get("noise") instanceof Map<?, ?> m ? asStrings(m) : Map.of());
    noise.put("likely_causes", causes);
    Levels.MetricLevels headLevels = levels == null ? null : levels.metrics().get(headlineKey(plan));
    if (headLevels != null) noise.put("between_share", headLevels.betweenShare());
    all.put("noise", noise);
    TrackerResults tr = trackerResults(all);
    WorkloadRecord w = workload(plan, plan.settings().values());
    List<String> flags = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    notes.add("stopped: " + stopReason + " after " + requests.size() + " measured requests");
    if (StopRule.OUT_OF_BUDGET.equals(stopReason)) flags.add(StopRule.OUT_OF_BUDGET);
    MetricStats head = stats.get(w.headline());
    String lengths = c.params().lengthsLabel();
    if (head != null && head.cv() > NOISY_CV && lengths != null) {
      // requests of different lengths take different times by design: their spread is not noise
      notes.add("lengths vary (" + lengths + "): the headline's CV of " + Math.round(head.cv() * 100)
          + " % is partly theirs, so it is not flagged noisy");
    } else if (head != null && head.cv() > NOISY_CV) {
      flags.add("noisy");
      notes.add(NoiseCauses.describe(head.cv(), causes));
    }
    if (levels != null) {
      notes.add(NoiseCauses.levels(levels, w.headline()));
      if (levels.failedForks() != null) notes.add("forks that died: " + String.join("; ", levels.failedForks()));
    }
    return new ResultRecord(ResultRecord.SCHEMA_VERSION, ConfigKey.of(w), EnvFingerprint.of(env), runId, now(),
        Status.OK, null, w, env, stats, raw, requestTokens(plan, requests), tr, flags, notes, levels);
  }

  private static String headlineKey(Plan plan) {
    String h = plan.configuration().params().headline();
    return h != null ? h : Metric.defaultHeadline(plan.info().shape()).key();
  }

  /** Each request's tokens, where the requests asked for lengths of their own; null where they all asked for one. */
  private static RequestTokens requestTokens(Plan plan, List<MeasuredRequest> requests) {
    if (plan.configuration().params().lengthsLabel() == null) return null;
    boolean generates = plan.info().shape().generates();
    List<Integer> prompt = new ArrayList<>(requests.size());
    List<Integer> output = new ArrayList<>(requests.size());
    for (MeasuredRequest r : requests) {
      prompt.add(r.promptTokens());
      output.add(generates ? r.offsets().length : 0);
    }
    return new RequestTokens(prompt, output);
  }

  /** A configuration that could not be measured: failed at run time, or not applicable. */
  public ResultRecord notMeasured(Plan plan, Status status, String reason, String engineVersion) {
    Map<String, String> settings = plan.settings() != null ? plan.settings().values() : plan.configuration().engineOpts();
    WorkloadRecord w = workload(plan, settings);
    EnvironmentRecord env = environment(plan, engineVersion, settings);
    return new ResultRecord(ResultRecord.SCHEMA_VERSION, ConfigKey.of(w), EnvFingerprint.of(env), runId, now(),
        status, reason, w, env, Map.of(), Map.of(), null, null, List.of(), List.of());
  }

  /** The config_key a plan's record will carry, known before it runs (for --resume). */
  public static String configKey(Plan plan) {
    Map<String, String> settings = plan.settings() != null ? plan.settings().values() : plan.configuration().engineOpts();
    return ConfigKey.of(workload(plan, settings));
  }

  static WorkloadRecord workload(Plan plan, Map<String, String> settings) {
    Configuration c = plan.configuration();
    RunParams p = c.params();
    ModelInfo info = plan.info();
    String shape = info != null ? info.shape().label() : "unknown";
    String headline = p.headline() != null ? p.headline()
        : info != null ? Metric.defaultHeadline(info.shape()).key() : Metric.E2E.key();
    return new WorkloadRecord(c.model().label(), info != null ? info.configHash() : null, c.model().options(),
        info != null ? info.dtype() : null, c.engine(), new TreeMap<>(settings), shape, c.batch(), c.prompt(),
        plan.output(), p.promptSource(), p.includeTokenization(), p.warmup(), p.runs(), p.targetCi(),
        p.targetCi() != null ? p.minRuns() : null, p.targetCi() != null ? p.maxRuns() : null,
        p.targetCi() != null ? p.maxTimeS() : null, headline, p.seed(), p.order(), p.isolate(),
        plan.settings() != null ? plan.settings().roleKeysByName() : null, c.load() != null ? c.load().label() : null,
        p.lengthDist() != null ? p.lengthDist().label() : null, p.requestFile() == null ? null
            : new RequestFileRecord(p.requestFile().path().getFileName().toString(), p.requestFile().sha256(),
                p.requestFile().requests()), engineBuild(plan), promptSalt(plan));
  }

  /** The engine's build for the plan's settings (llama.cpp's commit), or null where it has none or it is unusable. */
  private static String engineBuild(Plan plan) {
    if (plan.settings() == null) return null;
    try {
      return org.inferbench.registry.EngineRegistry.get(plan.configuration().engine()).build(plan.settings());
    } catch (org.inferbench.core.BadInputException | RuntimeException e) {
      return null;
    }
  }

  /** The run's prompt salt, where the engine draws the prompts it sends a server (see PromptStream); else null. */
  private static String promptSalt(Plan plan) {
    Configuration c = plan.configuration();
    if (c.params().promptSalt() == null) return null;
    try {
      boolean sends = org.inferbench.registry.EngineRegistry.get(c.engine()).capabilities()
          .contains(org.inferbench.engine.Capability.STREAMING);
      return sends ? String.format("%016x", c.params().promptSalt()) : null;
    } catch (org.inferbench.core.BadInputException e) {
      return null; // an unknown engine measured nothing: no prompt was sent
    }
  }

  private static TrackerResults trackerResults(Map<String, Object> m) {
    Map<String, Object> extra = new TreeMap<>();
    Map<String, String> notes = new TreeMap<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (e.getKey().endsWith("_note")) notes.put(e.getKey().substring(0, e.getKey().length() - 5), String.valueOf(e.getValue()));
      else if (!TRACKER_FIELDS.contains(e.getKey())) extra.put(e.getKey(), e.getValue());
    }
    return new TrackerResults(dbl(m, "peak_rss_mb"), dbl(m, "rss_after_load_mb"), (String) m.get("memory_method"),
        dbl(m, "heap_used_mb"), dbl(m, "heap_max_mb"), dbl(m, "model_load_ms"), dbl(m, "session_create_ms"),
        dbl(m, "cold_ttft_ms"), dbl(m, "cold_latency_ms"),
        m.get("gc_count") instanceof Number n ? n.longValue() : null, dbl(m, "gc_pause_ms"), dbl(m, "jit_compile_ms"),
        extra.isEmpty() ? null : extra, notes.isEmpty() ? null : notes);
  }

  private static final List<String> TRACKER_FIELDS = List.of("peak_rss_mb", "rss_after_load_mb", "memory_method",
      "heap_used_mb", "heap_max_mb", "model_load_ms", "session_create_ms", "cold_ttft_ms", "cold_latency_ms",
      "gc_count", "gc_pause_ms", "jit_compile_ms");

  private static Map<String, Object> asStrings(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static Double dbl(Map<String, Object> m, String key) {
    return m.get(key) instanceof Number n ? n.doubleValue() : null;
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
