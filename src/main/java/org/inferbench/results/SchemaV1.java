package org.inferbench.results;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads records written with schema 1 as the current schema. Schema 1 had no {@code setting_roles}; the only engines that
 * wrote it (onnx and calibration) named their settings in a fixed way, so the roles follow from those names. This
 * is the one place outside the engines that knows them, and only as history.
 */
final class SchemaV1 {
  static final int VERSION = 1;

  /** Role by setting key, for each engine that wrote schema 1. */
  private static final Map<String, Map<String, String>> ROLES = Map.of(
      "onnx", Map.of("threads", "threads", "kv-cache", "kv_cache", "dtype", "weight_type"),
      "calibration", Map.of("jitter-seed", "run_seed"));

  private SchemaV1() {}

  static ResultRecord upgrade(ResultRecord r) {
    WorkloadRecord w = r.workload();
    Map<String, String> roles = new TreeMap<>();
    Map<String, String> byKey = ROLES.getOrDefault(w.engine(), Map.of());
    if (w.engineSettings() != null) {
      for (String key : w.engineSettings().keySet()) {
        if (byKey.containsKey(key)) roles.put(byKey.get(key), key);
      }
    }
    WorkloadRecord upgraded = new WorkloadRecord(w.model(), w.modelConfigHash(), w.modelOptions(), w.dtype(),
        w.engine(), w.engineSettings(), w.shape(), w.batch(), w.prompt(), w.output(), w.promptSource(),
        w.includeTokenization(), w.warmup(), w.runs(), w.targetCi(), w.minRuns(), w.maxRuns(), w.maxTimeS(),
        w.headline(), w.seed(), w.order(), w.isolate(), roles, null, null, null);
    return new ResultRecord(ResultRecord.SCHEMA_VERSION, r.configKey(), r.envFingerprint(), r.runId(), r.timestamp(),
        r.status(), r.reason(), upgraded, r.environment(), r.metrics(), r.samples(), null, r.trackers(), r.flags(),
        r.notes());
  }
}
