package org.inferbench.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.inferbench.results.EnvironmentRecord;
import org.inferbench.results.Metric;
import org.inferbench.results.MetricStats;
import org.inferbench.results.ConfigKey;
import org.inferbench.results.Summaries;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.Status;
import org.inferbench.results.TrackerResults;
import org.inferbench.results.WorkloadRecord;

/**
 * Seeded result records shaped like the calibration engine's: TTFT = batch·(a·prompt + b·prompt²) ms, each decode
 * step = step ms (×kvOffFactor when kv-cache is off), every cost times (1 + jitter·N(0,1)).
 */
final class Fixtures {
  static final String MACHINE_A = "a1b2c3d4e5f6a7b8";
  static final String MACHINE_B = "ffee00112233aabb";
  static final int RUNS = 24;
  /** The reason a machine without readable energy counters records. */
  static final String NO_RAPL = "no RAPL access: /sys/class/powercap/intel-rapl:0/energy_uj is not readable";

  /** One configuration to generate; change fields with the with-methods. */
  record Spec(String model, String shape, int batch, int prompt, int output, String kvCache, String machine,
      String timestamp, String runId, long seed, double a, double b, double stepMs, double kvOffFactor,
      double jitter, double loadedMb, double mbPerToken) {
    Spec prompt(int p) {
      return new Spec(model, shape, batch, p, output, kvCache, machine, timestamp, runId, seed + p, a, b, stepMs,
          kvOffFactor, jitter, loadedMb, mbPerToken);
    }

    Spec kv(String kv) {
      return new Spec(model, shape, batch, prompt, output, kv, machine, timestamp, runId, seed + kv.hashCode(), a,
          b, stepMs, kvOffFactor, jitter, loadedMb, mbPerToken);
    }

    Spec at(String ts, String run) {
      return new Spec(model, shape, batch, prompt, output, kvCache, machine, ts, run, seed + ts.hashCode(), a, b,
          stepMs, kvOffFactor, jitter, loadedMb, mbPerToken);
    }

    Spec on(String m) {
      return new Spec(model, shape, batch, prompt, output, kvCache, m, timestamp, runId, seed, a, b, stepMs,
          kvOffFactor, jitter, loadedMb, mbPerToken);
    }

    Spec jitter(double j) {
      return new Spec(model, shape, batch, prompt, output, kvCache, machine, timestamp, runId, seed, a, b, stepMs,
          kvOffFactor, j, loadedMb, mbPerToken);
    }

    Spec costs(double newA, double newB) {
      return new Spec(model, shape, batch, prompt, output, kvCache, machine, timestamp, runId, seed, newA, newB,
          stepMs, kvOffFactor, jitter, loadedMb, mbPerToken);
    }
  }

  private Fixtures() {}

  static Spec decoder(String model) {
    return new Spec(model, "decoder", 1, 128, 16, null, MACHINE_A, "2026-11-20T10:00:00Z", "run-1",
        model.hashCode(), 0.05, 2.0e-5, 2.0, 3.0, 0.01, 500, 0.02);
  }

  static Spec encoder(String model) {
    return new Spec(model, "encoder", 4, 128, 0, null, MACHINE_A, "2026-11-20T10:00:00Z", "run-1",
        model.hashCode(), 0.02, 1.0e-5, 0, 1, 0.01, 300, 0.01);
  }

  static ResultRecord record(Spec s) {
    Random rnd = new Random(s.seed());
    boolean encoder = s.shape().equals("encoder");
    Map<String, double[]> samples = new LinkedHashMap<>();
    double prefill = s.batch() * (s.a() * s.prompt() + s.b() * (double) s.prompt() * s.prompt());
    if (encoder) {
      double[] lat = new double[RUNS];
      double[] tps = new double[RUNS];
      double[] sps = new double[RUNS];
      double[] lpt = new double[RUNS];
      for (int i = 0; i < RUNS; i++) {
        lat[i] = prefill * noise(rnd, s.jitter());
        tps[i] = s.batch() * s.prompt() / lat[i] * 1000;
        sps[i] = s.batch() / lat[i] * 1000;
        lpt[i] = lat[i] / (s.batch() * s.prompt());
      }
      samples.put(Metric.ENCODER_LATENCY.key(), lat);
      samples.put(Metric.ENCODER_TOKENS_THROUGHPUT.key(), tps);
      samples.put(Metric.ENCODER_SAMPLES_THROUGHPUT.key(), sps);
      samples.put(Metric.ENCODER_LATENCY_PER_TOKEN.key(), lpt);
    } else {
      double step = s.stepMs() * ("off".equals(s.kvCache()) ? s.kvOffFactor() : 1);
      double[] ttft = new double[RUNS];
      double[] tpot = new double[RUNS];
      double[] e2e = new double[RUNS];
      double[] dec = new double[RUNS];
      double[] pre = new double[RUNS];
      double[] all = new double[RUNS];
      List<Double> itl = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        ttft[i] = prefill * noise(rnd, s.jitter());
        double t = ttft[i];
        for (int k = 1; k < s.output(); k++) {
          double gap = step * noise(rnd, s.jitter());
          itl.add(gap);
          t += gap;
        }
        e2e[i] = t;
        tpot[i] = (e2e[i] - ttft[i]) / (s.output() - 1);
        dec[i] = s.batch() * (s.output() - 1) / (e2e[i] - ttft[i]) * 1000;
        pre[i] = s.batch() * s.prompt() / ttft[i] * 1000;
        all[i] = s.batch() * s.output() / e2e[i] * 1000;
      }
      samples.put(Metric.TTFT.key(), ttft);
      samples.put(Metric.TPOT.key(), tpot);
      samples.put(Metric.E2E.key(), e2e);
      samples.put(Metric.DECODE_THROUGHPUT.key(), dec);
      samples.put(Metric.PREFILL_THROUGHPUT.key(), pre);
      samples.put(Metric.OVERALL_THROUGHPUT.key(), all);
      samples.put(Metric.ITL.key(), itl.stream().mapToDouble(Double::doubleValue).toArray());
    }
    Map<String, MetricStats> metrics = new LinkedHashMap<>();
    samples.forEach((k, v) -> metrics.put(k, Summaries.of(v, Metric.byKey(k))));
    long tokens = (long) s.batch() * (s.prompt() + (encoder ? 0 : s.output()));
    double kvExtra = "off".equals(s.kvCache()) ? 0.5 : 1.0;
    double peak = s.loadedMb() + s.mbPerToken() * tokens * kvExtra;
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("shape", s.shape());
    if (s.kvCache() != null) settings.put("kv-cache", s.kvCache());
    String headline = encoder ? "encoder_latency" : "e2e";
    WorkloadRecord w = new WorkloadRecord(s.model(), "cfg", Map.of(), "fp32", "calibration", settings, s.shape(),
        s.batch(), s.prompt(), s.output(), "random", false, 2, RUNS, null, null, null, null, headline, s.seed(),
        "sequential", "inline", Map.of("kv_cache", "kv-cache"), null, null, null);
    List<String> flags = metrics.get(headline).cv() > 0.10 ? List.of("noisy") : List.of();
    return new ResultRecord(ResultRecord.SCHEMA_VERSION, ConfigKey.of(w), s.machine(), s.runId(), s.timestamp(),
        Status.OK, null, w, env(s.machine()), metrics, samples, null,
        new TrackerResults(peak, s.loadedMb(), "vmhwm", null, null, 100.0, 10.0, null, null, 0L, 0.0, null, null,
            null),
        flags, List.of());
  }

  /** The record with these tracker outputs (e.g. roofline, energy) and reasons for absent ones added. */
  static ResultRecord withTrackers(ResultRecord r, Map<String, Object> extra, Map<String, String> notes) {
    TrackerResults t = r.trackers();
    Map<String, Object> allExtra = new LinkedHashMap<>(t.extra() == null ? Map.of() : t.extra());
    allExtra.putAll(extra);
    Map<String, String> allNotes = new LinkedHashMap<>(t.notes() == null ? Map.of() : t.notes());
    allNotes.putAll(notes);
    TrackerResults nt = new TrackerResults(t.peakRssMb(), t.rssAfterLoadMb(), t.memoryMethod(), t.heapUsedMb(),
        t.heapMaxMb(), t.modelLoadMs(), t.sessionCreateMs(), t.coldTtftMs(), t.coldLatencyMs(), t.gcCount(),
        t.gcPauseMs(), t.jitCompileMs(), allExtra.isEmpty() ? null : allExtra, allNotes.isEmpty() ? null : allNotes);
    return new ResultRecord(r.schemaVersion(), r.configKey(), r.envFingerprint(), r.runId(), r.timestamp(),
        r.status(), r.reason(), r.workload(), r.environment(), r.metrics(), r.samples(), r.requestTokens(), nt, r.flags(),
        r.notes());
  }

  /**
   * trackers.extra.roofline as the run writes it, at the given utilization of each phase against the record's own
   * medians: ceiling = measured × utilization. Generating models get prefill (MFU) and decode (MBU), encoders get
   * encoder (MFU, the prefill figure).
   */
  static Map<String, Object> roofline(ResultRecord r, double prefillMfu, double decodeMbu) {
    Map<String, Object> roof = new LinkedHashMap<>();
    if (r.workload().shape().equals("encoder")) {
      roof.put("encoder", phase("mfu", prefillMfu, r.stats(Metric.ENCODER_LATENCY).p50(), "FLOPs"));
    } else {
      roof.put("prefill", phase("mfu", prefillMfu, r.stats(Metric.TTFT).p50(), "FLOPs"));
      roof.put("decode", phase("mbu", decodeMbu, r.stats(Metric.TPOT).p50(), "bytes per step"));
    }
    return Map.of("roofline", roof);
  }

  private static Map<String, Object> phase(String metric, double u, double measuredMs, String unit) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(metric, u);
    m.put("verdict", u >= 0.5 ? "near its roof" : "overhead-bound");
    m.put("ceiling_ms", measuredMs * u);
    m.put("measured_ms", measuredMs);
    m.put("work", 1.0e9);
    m.put("work_unit", unit);
    m.put("roof_per_s", 1.0e9 / (measuredMs * u / 1000));
    m.put("note", "fixture");
    return m;
  }

  /**
   * trackers.extra energy as the run writes it: {@code joules} over the {@link #RUNS} measured requests lasting
   * {@code seconds} in all.
   */
  static Map<String, Object> energy(ResultRecord r, double joules, double seconds, String source) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("energy_j", joules);
    e.put("energy_avg_power_w", joules / seconds);
    e.put("energy_source", source);
    e.put("energy_per_request_j", joules / RUNS);
    if (!r.workload().shape().equals("encoder")) {
      e.put("energy_per_token_j", joules / ((double) RUNS * r.workload().batch() * r.workload().output()));
    }
    return e;
  }

  static ResultRecord failed(Spec s, Status status, String reason) {
    ResultRecord ok = record(s);
    return new ResultRecord(ok.schemaVersion(), ok.configKey(), ok.envFingerprint(), ok.runId(), ok.timestamp(),
        status, reason, ok.workload(), ok.environment(), null, null, null, null, null, null);
  }

  static EnvironmentRecord env(String machine) {
    return new EnvironmentRecord(machine.equals(MACHINE_A) ? "Test CPU A @ 3.0GHz" : "Test CPU B @ 2.1GHz", 8,
        List.of("avx2"), 32000, "Linux", "6.1.0", "25", "0.1.0", "abc1234", "calibration", "1", Map.of(),
        "performance", Map.of());
  }

  private static double noise(Random rnd, double jitter) {
    return Math.max(0.05, 1 + jitter * rnd.nextGaussian());
  }

  /**
   * Two decoder models over six prompt lengths, a KV-cache pair, three runs of one config, an encoder, a failure.
   * tiny-gpt's lengths and the encoder carry a roofline and energy (the encoder's unverified); the second model and
   * the KV pair record why they have no energy, and no roofline.
   */
  static List<ResultRecord> fullSet(String secondModel) {
    List<ResultRecord> out = new ArrayList<>();
    Spec gpt = decoder("tiny-gpt");
    Spec other = decoder(secondModel).costs(0.08, 3.0e-5);
    for (int p : new int[] {32, 64, 128, 256, 512, 1024}) {
      ResultRecord r = record(gpt.prompt(p));
      // prefill MFU grows with the prompt, reaching the 50 % verdict threshold at 1024
      Map<String, Object> extra = new LinkedHashMap<>(roofline(r, p / 2048.0, 0.6));
      extra.putAll(energy(r, 12.0 * p, 2.0 * p / 128, "rapl"));
      out.add(withTrackers(r, extra, Map.of()));
      out.add(withTrackers(record(other.prompt(p)), Map.of(), Map.of("energy", NO_RAPL)));
    }
    out.add(withTrackers(record(gpt.kv("on")), Map.of(), Map.of("energy", NO_RAPL)));
    out.add(withTrackers(record(gpt.kv("off")), Map.of(), Map.of("energy", NO_RAPL)));
    out.add(record(gpt.prompt(256).at("2026-11-18T10:00:00Z", "run-0")));
    out.add(record(gpt.prompt(256).at("2026-11-19T10:00:00Z", "run-00")));
    Spec bert = encoder("tiny-bert");
    for (int p : new int[] {64, 128, 256}) {
      ResultRecord r = record(bert.prompt(p));
      Map<String, Object> extra = new LinkedHashMap<>(roofline(r, 0.3, Double.NaN));
      extra.putAll(energy(r, 3.0 * p, 1.5, "nvidia-smi power.draw"));
      extra.put("energy_verified", false);
      out.add(withTrackers(r, extra, Map.of()));
    }
    out.add(failed(gpt.prompt(2048), Status.FAILED, "out of memory at prompt 2048"));
    out.add(failed(bert.prompt(4096), Status.NOT_APPLICABLE, "prompt longer than max positions 512"));
    return out;
  }

  static Instant t(String s) {
    return Instant.parse(s);
  }
}
