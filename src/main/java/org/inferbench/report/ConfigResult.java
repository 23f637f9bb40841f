package org.inferbench.report;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.inferbench.core.ModelShape;
import org.inferbench.engine.SettingRole;
import org.inferbench.label.ConfigLabel;
import org.inferbench.results.Metric;
import org.inferbench.results.MetricStats;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.WorkloadRecord;

/**
 * One result record seen through the report's eyes: its parameters by name, its headline figures, and the derived
 * per-token quantities of METRICS.md. Tolerates missing parts (a failed record has no metrics).
 */
public record ConfigResult(ResultRecord record) {
  public ConfigResult {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(record.workload(), "record.workload");
  }

  public WorkloadRecord workload() {
    return record.workload();
  }

  public String model() {
    return workload().model() == null ? "?" : workload().model();
  }

  /**
   * The machine: its fingerprint (the kind of machine), and its host where the record names one, since the nodes of
   * a fleet share a kind but are compared only with themselves.
   */
  public String machine() {
    String kind = record.envFingerprint() == null ? "unknown" : record.envFingerprint();
    String host = host();
    return host == null ? kind : kind + "@" + host;
  }

  /** The host that measured it (records before 0.2 do not say). */
  public String host() {
    var env = record.environment();
    return env == null || env.extra() == null ? null : env.extra().get("host");
  }

  /** The shape from the workload; decoder if absent or unreadable (the default of every engine). */
  public ModelShape shape() {
    String s = workload().shape();
    if (s == null) return ModelShape.DECODER;
    return switch (s.toLowerCase().replace('_', '-')) {
      case "encoder" -> ModelShape.ENCODER;
      case "encoder-decoder" -> ModelShape.ENCODER_DECODER;
      default -> ModelShape.DECODER;
    };
  }

  public Instant time() {
    try {
      return record.timestamp() == null ? Instant.EPOCH : Instant.parse(record.timestamp());
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  public String statusLabel() {
    return record.status() == null ? "?" : record.status().label();
  }

  /**
   * Every parameter that may vary between configurations, by name, in a fixed order: machine, model, engine,
   * dtype, each engine setting, shape, batch, prompt, output, prompt source, load (serving), how the lengths varied.
   */
  public Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("machine", shortMachine());
    p.put("model", model());
    p.put("engine", String.valueOf(workload().engine()));
    p.put("dtype", String.valueOf(workload().dtype()));
    if (workload().modelOptions() != null) {
      workload().modelOptions().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> p.put(ConfigLabel.MODEL_OPTION + e.getKey(), e.getValue()));
    }
    if (workload().engineSettings() != null) {
      workload().engineSettings().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> p.put(e.getKey(), e.getValue()));
    }
    p.put("shape", shape().label());
    p.put("batch", Integer.toString(workload().batch()));
    p.put("prompt", Integer.toString(workload().prompt()));
    p.put("output", Integer.toString(workload().output()));
    p.put("prompt source", String.valueOf(workload().promptSource()));
    if (workload().load() != null) p.put("load", workload().load());
    if (workload().lengths() != null) p.put("lengths", workload().lengths());
    return p;
  }

  /** The parameters without the named ones: two results with equal keys differ only in those. */
  /** A serving record's figures ({@code trackers.extra.serving}: throughputs, goodput, errors, …), or null. */
  public Map<?, ?> serving() {
    if (record.trackers() == null || record.trackers().extra() == null) return null;
    return record.trackers().extra().get("serving") instanceof Map<?, ?> m ? m : null;
  }

  /** A serving record's completed requests per second over its measured window; NaN for other records. */
  public double requestThroughput() {
    Map<?, ?> s = serving();
    return s != null && s.get("request_throughput_per_s") instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  public Map<String, String> parametersWithout(String... names) {
    Map<String, String> p = parameters();
    for (String n : names) p.remove(n);
    return p;
  }

  public String shortMachine() {
    String kind = record.envFingerprint() == null ? "unknown" : record.envFingerprint();
    String shortKind = kind.length() > 8 ? kind.substring(0, 8) : kind;
    return host() == null ? shortKind : shortKind + "@" + host();
  }

  /** "gpt2 b1 p128 o32 kv-cache=on": the model and the named parameters, by {@link ConfigLabel}. */
  public String label(List<String> varying) {
    Map<String, String> p = parameters();
    // the label's order: what the model runs on, then the workload, then where
    Map<String, String> ordered = new LinkedHashMap<>();
    ordered.put("model", p.remove("model"));
    String machine = p.remove("machine");
    String output = p.remove("output");
    ordered.putAll(p);
    ordered.put("output", shape().generates() ? output : "0");
    ordered.put("machine", machine);
    return ConfigLabel.of(ordered, varying);
  }

  public MetricStats stats(Metric m) {
    return record.ok() ? record.stats(m) : null;
  }

  /** The headline metric recorded, or the default for the shape where the record has none or an unknown one. */
  public Metric headline() {
    try {
      if (workload().headline() != null) return Metric.byKey(workload().headline());
    } catch (IllegalArgumentException e) {
      // fall through to the default
    }
    return Metric.defaultHeadline(shape());
  }

  public double mean(Metric m) {
    MetricStats s = stats(m);
    return s == null ? Double.NaN : s.mean();
  }

  public double p50(Metric m) {
    MetricStats s = stats(m);
    return s == null ? Double.NaN : s.p50();
  }

  public double cv(Metric m) {
    MetricStats s = stats(m);
    return s == null ? Double.NaN : s.cv();
  }

  /** Tokens per second of the phase that matters: decode for generating models, encoder tokens for encoders. */
  public Metric throughputMetric() {
    return shape() == ModelShape.ENCODER ? Metric.ENCODER_TOKENS_THROUGHPUT : Metric.DECODE_THROUGHPUT;
  }

  public double peakMb() {
    return record.trackers() == null || record.trackers().peakRssMb() == null ? Double.NaN
        : record.trackers().peakRssMb();
  }

  public double loadedMb() {
    return record.trackers() == null || record.trackers().rssAfterLoadMb() == null ? Double.NaN
        : record.trackers().rssAfterLoadMb();
  }

  /** batch × (prompt + output): the tokens one request holds (prompt only for an encoder, which outputs none). */
  public long tokensPerRequest() {
    int out = shape() == ModelShape.ENCODER ? 0 : workload().output();
    return (long) workload().batch() * (workload().prompt() + out);
  }

  /** Peak memory increment over the loaded model ÷ (batch × (prompt + output)), MB per token. */
  public double memoryPerTokenMb() {
    return (peakMb() - loadedMb()) / tokensPerRequest();
  }

  /** Mean headline latency ÷ (batch × (prompt + output)), ms per token. */
  public double latencyPerTokenMs() {
    return mean(headline()) / tokensPerRequest();
  }

  /** Further tracker outputs (roofline, energy) by name; empty when none were recorded. */
  public Map<String, Object> trackerExtra() {
    return record.trackers() == null || record.trackers().extra() == null ? Map.of() : record.trackers().extra();
  }

  /** One part of the recorded roofline ("decode", "prefill", "weights"); empty when not recorded. */
  public Map<?, ?> roofline(String part) {
    if (trackerExtra().get(RooflineTable.KEY) instanceof Map<?, ?> roof && roof.get(part) instanceof Map<?, ?> m) {
      return m;
    }
    return Map.of();
  }

  /** A number among {@link #trackerExtra()}; NaN when absent or not a number. */
  public double trackerNumber(String name) {
    return trackerExtra().get(name) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** Why a tracker output is absent (e.g. "energy": "no RAPL access: ..."); null when no reason was recorded. */
  public String trackerNote(String name) {
    return record.trackers() == null || record.trackers().notes() == null ? null
        : record.trackers().notes().get(name);
  }

  /** The engine's setting that turns the KV cache on and off (the record's kv_cache role), or null. */
  public String kvCacheKey() {
    return workload().settingKey(SettingRole.KV_CACHE.key());
  }

  /** on, off, or null when the engine has no such setting. */
  public String kvCache() {
    return workload().settingByRole(SettingRole.KV_CACHE.key());
  }

  public List<String> flags() {
    return record.flags() == null ? List.of() : record.flags();
  }
}
