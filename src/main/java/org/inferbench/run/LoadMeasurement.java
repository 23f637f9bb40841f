package org.inferbench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.inferbench.engine.Engine;
import org.inferbench.engine.LoadedModel;
import org.inferbench.fleet.ClientRun;
import org.inferbench.fleet.PooledRun;
import org.inferbench.load.Arrival;
import org.inferbench.load.LoadGenerator;
import org.inferbench.load.LoadRun;
import org.inferbench.load.LoadShape;
import org.inferbench.load.PromptCacheUse;
import org.inferbench.load.RampUp;
import org.inferbench.load.RequestTimes;
import org.inferbench.load.ServingStats;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.results.Metric;
import org.inferbench.results.MetricStats;
import org.inferbench.results.ResultRecord;
import org.inferbench.stats.BatchMeans;
import org.inferbench.stats.Interval;
import org.inferbench.workload.Configuration;
import org.inferbench.workload.Load;
import org.inferbench.workload.RunParams;
import org.inferbench.workload.Slo;

/**
 * A configuration with a load (a serving benchmark): its warm-up, ramp-up and measured requests put in flight by the
 * {@link LoadGenerator}, in this JVM (the engine is a client of a remote server: nothing native can take the run
 * down, and the client's memory is not the figure anyone asks for). The record has the usual metrics over the
 * completed requests — TTFT, TPOT, ITL, E2E from each request's send time — with the means' CIs by batch means, and
 * the serving figures (throughputs, goodput, errors, schedule lag, in flight) in {@code trackers.extra.serving}.
 * The ramp-up's requests are counted there and drawn in flight, but enter no statistic, as warm-up does not.
 * Each request asks for its own lengths where the workload draws them or replays a request file ({@link RequestMaker}).
 */
final class LoadMeasurement {
  private LoadMeasurement() {}

  static ResultRecord measure(Plan plan, RecordBuilder records) throws Exception {
    return measure(plan, records, null);
  }

  /** @param fleet the clients that drive the load (null: this JVM alone) */
  static ResultRecord measure(Plan plan, RecordBuilder records, ClientFleet fleet) throws Exception {
    Configuration c = plan.configuration();
    RunParams p = c.params();
    Engine engine = EngineRegistry.get(c.engine());
    try (LoadedModel model = engine.load(c.model().ref(), plan.settings())) {
      RequestMaker requests = new RequestMaker(plan, model);
      int warmup = p.warmup();
      // the generator numbers warm-ups first; each phase asks from request 0, as a run one request at a time does,
      // and each request draws its prompt by the generator's number (unique over the phases)
      GenerationTarget target = new GenerationTarget(model, i -> requests.at(i < warmup ? i : i - warmup, i));
      int runs = p.runs() != null ? p.runs() : p.maxRuns();
      Load load = c.load();
      double timeoutS = load.requestTimeoutS() != null ? load.requestTimeoutS() : Double.POSITIVE_INFINITY;
      List<ClientRun> clients = null;
      LoadRun run;
      if (fleet != null && fleet.clients() > 1) {
        clients = fleet.run(plan, shape(load, p.seed()), warmup, runs, p.maxTimeS(), timeoutS);
        run = PooledRun.of(shape(load, p.seed()), clients);
      } else {
        run = LoadGenerator.run(target, shape(load, p.seed()), warmup, runs, p.maxTimeS(), timeoutS);
      }
      Slo slo = p.slo() != null ? Slo.parse(p.slo()) : null;
      ServingStats s = ServingStats.of(run, slo);
      if (s.completed() == 0) {
        List<Map<String, Object>> failed = failures(run.requests());
        Object how = failed.isEmpty() ? null : failed.get(0).get("detail");
        return records.notMeasured(plan, org.inferbench.results.Status.FAILED, "every request failed: " + s.errors()
            + (how == null ? "" : "; the first: " + how), engine.version());
      }
      List<MeasuredRequest> offsets = new ArrayList<>();
      for (RequestTimes r : run.requests()) if (r.ok()) offsets.add(new MeasuredRequest(r.promptTokens(), offsets(r)));
      Map<String, Object> trackers = new LinkedHashMap<>();
      Map<String, Object> serving = serving(c.load(), run, s, slo);
      if (clients != null) {
        // every figure above is over the pooled requests; what each client did and how its clock was aligned
        serving.put("clients", PooledRun.perClient(clients, s.windowS()));
        serving.put("clock_uncertainty_ms", PooledRun.uncertaintyMs(clients));
      }
      if (records.timelines() != null) {
        // the config_key is known only once the record is built: name the file by the load and the run
        java.nio.file.Path file = records.timelines().resolve(c.model().label().replaceAll("[^A-Za-z0-9._-]", "_")
            + "-" + c.load().label().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + records.runId() + ".jsonl.gz");
        org.inferbench.load.Timelines.write(file, run);
        serving.put("timeline_file", file.toString());
      }
      // a recorded workload repeats its lines by design, a shared prefix is shared on purpose; every other prompt is
      // drawn for its request alone
      boolean sharingAsked = p.requestFile() != null || plan.settings().byRole(
          org.inferbench.engine.SettingRole.SHARED_PREFIX_TOKENS).map(v -> !"0".equals(v)).orElse(false);
      PromptCacheUse cache = PromptCacheUse.of(run.requests());
      if (cache != null) serving.put("prompt_cache", cache.toMap(sharingAsked));
      trackers.put("serving", serving);
      trackers.put("memory_note", "not measured: the server's memory is not visible to a client");
      var opened = new ConfigurationSession.Opened(engine.version(), model.effectiveSettings(), Map.of());
      String stop = run.requests().size() < runs ? "max-time" : "runs";
      boolean unasked = cache != null && !sharingAsked && cache.hitBeyondFixedPrefix();
      return withBatchMeans(records.ok(plan, opened, offsets, trackers, stop), run, unasked ? cache : null);
    }
  }

  /**
   * A sweep (as GuideLLM's): one stream (the synchronous rate), every request at once (the maximum throughput), then
   * the sweep's rates evenly between those two throughputs; each record goes to {@code sink} as it is measured.
   */
  static void sweep(Plan plan, RecordBuilder records, Runner.Sink sink, ClientFleet fleet) throws Exception {
    Load s = plan.configuration().load();
    // the synchronous rate is one stream: one client
    ResultRecord sync = measure(at(plan, Load.synchronous().withRequestTimeout(s.requestTimeoutS())), records);
    sink.accept(sync);
    ResultRecord max = measure(at(plan, s.atRate(Double.POSITIVE_INFINITY)), records, fleet);
    sink.accept(max);
    double lo = throughput(sync);
    double hi = throughput(max);
    if (!(lo > 0) || !(hi > lo)) return; // the server does not gain from concurrency: nothing lies between
    for (int i = 1; i <= s.sweep(); i++) {
      sink.accept(measure(at(plan, s.atRate(lo + (hi - lo) * i / (s.sweep() + 1))), records, fleet));
    }
  }

  private static Plan at(Plan p, Load load) {
    Configuration c = p.configuration();
    return new Plan(new Configuration(c.index(), c.model(), c.engine(), c.engineOpts(), c.batch(), c.prompt(),
        c.output(), load, c.params()), p.settings(), p.info(), null);
  }

  /** Completed requests per second over the measured window; NaN for a failed record. */
  static double throughput(ResultRecord r) {
    if (!r.ok() || r.trackers() == null || r.trackers().extra() == null) return Double.NaN;
    return r.trackers().extra().get("serving") instanceof Map<?, ?> s
        && s.get("request_throughput_per_s") instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  static LoadShape shape(Load load, long seed) {
    RampUp ramp = load.rampUpS() != null ? new RampUp(load.rampUpS()) : RampUp.NONE;
    if (load.concurrency() != null) return new LoadShape.Concurrency(load.concurrency(), ramp);
    return new LoadShape.Rate(load.rate(), Arrival.parse("arrival", load.arrival()), load.burstiness(),
        load.maxConcurrency(), seed, ramp);
  }

  /** Each output token's time from the send: a chunk of k tokens gives k equal offsets (what the client saw). */
  private static long[] offsets(RequestTimes r) {
    long[] o = new long[r.outputTokens()];
    int i = 0;
    for (int j = 0; j < r.chunkNs().length; j++) {
      for (int k = 0; k < r.tokensPerChunk()[j]; k++) o[i++] = r.chunkNs()[j] - r.sendNs();
    }
    return o;
  }

  private static Map<String, Object> serving(Load load, LoadRun run, ServingStats s, Slo slo) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("load", load.label());
    m.put("requests", run.requests().size());
    m.put("completed", s.completed());
    m.put("failed", s.failed());
    if (!s.errors().isEmpty()) m.put("errors", s.errors());
    List<Map<String, Object>> failures = failures(run.requests());
    if (!failures.isEmpty()) m.put("failures", failures);
    if (load.rampUpS() != null) {
      // sent and recorded (in flight, timelines) but in no statistic: the server was still coming up to the load
      m.put("ramp_up_s", load.rampUpS());
      m.put("ramp_requests", run.ramp().size());
      m.put("ramp_failed", (int) run.ramp().stream().filter(r -> !r.ok()).count());
    }
    if (load.requestTimeoutS() != null) m.put("request_timeout_s", load.requestTimeoutS());
    m.put("window_s", s.windowS());
    m.put("request_throughput_per_s", s.requestsPerS());
    m.put("output_token_throughput_per_s", s.outputTokensPerS());
    m.put("total_token_throughput_per_s", s.totalTokensPerS());
    if (slo != null) {
      m.put("slo", slo.toString());
      m.put("goodput_per_s", s.goodputPerS());
      m.put("good_share", s.goodShare());
    }
    m.put("schedule_lag_p50_ms", ServingStats.p(s.lagMs(), 50));
    m.put("schedule_lag_p99_ms", ServingStats.p(s.lagMs(), 99));
    m.put("peak_in_flight", run.peakInFlight());
    m.put("in_flight", thinned(run.inFlightOverTime(), 400));
    m.put("ci_method", "batch means over requests in send order (requests under load are not independent)");
    return m;
  }

  /** Failed requests kept with how each failed (what its connection did), so a hang tells itself from a slow server. */
  static final int FAILURES_KEPT = 20;

  /** The first {@link #FAILURES_KEPT} failed requests: kind, seconds from send to end, and how. */
  static List<Map<String, Object>> failures(List<RequestTimes> requests) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (RequestTimes r : requests) {
      if (r.ok() || out.size() == FAILURES_KEPT) continue;
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("kind", r.error() == null ? "no tokens" : r.error());
      f.put("after_s", Math.round((r.endNs() - r.sendNs()) / 1e6) / 1e3);
      if (r.detail() != null) f.put("detail", r.detail());
      out.add(f);
    }
    return out;
  }

  /** At most about {@code max} of the points (every k-th, the last kept), rounded, for the record. */
  private static List<double[]> thinned(List<double[]> points, int max) {
    int step = Math.max(1, (points.size() + max - 1) / max);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < points.size(); i += step) out.add(new double[] {Math.round(points.get(i)[0] * 1e4) / 1e4, points.get(i)[1]});
    if (!points.isEmpty() && (points.size() - 1) % step != 0) {
      double[] last = points.get(points.size() - 1);
      out.add(new double[] {Math.round(last[0] * 1e4) / 1e4, last[1]});
    }
    return out;
  }

  /**
   * The record with the means' CIs of TTFT, TPOT and E2E by batch means (see {@link org.inferbench.stats.BatchMeans}),
   * without the noisy flag (under load, spread is queueing, not noise) and flagged when some requests failed.
   */
  private static ResultRecord withBatchMeans(ResultRecord r, LoadRun run, PromptCacheUse unaskedHits) {
    if (!r.ok()) return r;
    Map<String, MetricStats> metrics = new TreeMap<>(r.metrics());
    for (Metric m : List.of(Metric.TTFT, Metric.TPOT, Metric.E2E)) {
      MetricStats st = metrics.get(m.key());
      double[] v = r.samples() == null ? null : r.samples().get(m.key());
      Interval ci = v == null ? null : BatchMeans.ci95(v);
      if (st == null || ci == null) continue;
      metrics.put(m.key(), new MetricStats(st.unit(), st.count(), st.mean(), st.std(), st.cv(), st.min(), st.max(),
          st.p50(), st.p90(), st.p95(), st.p99(), ci.low(), ci.high(), st.p50CiLow(), st.p50CiHigh()));
    }
    List<String> flags = new ArrayList<>(r.flags());
    flags.remove("noisy");
    // every measured request is kept; the ones that failed are counted by kind in serving.errors
    if (run.requests().stream().anyMatch(x -> !x.ok())) flags.add("failed-requests");
    List<String> notes = new ArrayList<>();
    for (String n : r.notes()) if (!n.startsWith("noisy")) notes.add(n);
    if (unaskedHits != null) {
      // TTFT then times a cache lookup, not the prefill the workload asked for
      flags.add("unasked-cache-hits");
      notes.add(String.format(java.util.Locale.ROOT, "unasked-cache-hits: the server answered %.0f %% of the prompt"
          + " tokens from its prefix cache (%d of %d requests beyond the %d-token prefix every request shares);"
          + " the workload shares nothing, so its TTFT is not prefill", unaskedHits.cachedShare() * 100,
          unaskedHits.hits(), unaskedHits.reporting(), unaskedHits.floor()));
    }
    return new ResultRecord(r.schemaVersion(), r.configKey(), r.envFingerprint(), r.runId(), r.timestamp(), r.status(),
        r.reason(), r.workload(), r.environment(), metrics, r.samples(), r.requestTokens(), r.trackers(), flags, notes);
  }
}
