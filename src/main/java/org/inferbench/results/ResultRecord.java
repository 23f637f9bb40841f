package org.inferbench.results;

import java.util.List;
import java.util.Map;

/**
 * One configuration's result: the one schema every writer and reader uses (one JSON line in results.jsonl).
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written
 * @param configKey hash of what was measured (model, config, dtype, engine and settings, batch, prompt, output,
 *     prompt source); shared by reruns of the same configuration
 * @param envFingerprint hash of CPU model, cores, memory and OS
 * @param runId the invocation that produced it (one id per run or sweep)
 * @param timestamp ISO-8601 UTC instant the configuration finished
 * @param metrics statistics per metric, keyed by {@link Metric#key()}
 * @param samples raw per-request values per metric (ITL pools every gap), in the metric's unit
 * @param flags e.g. "noisy"
 */
public record ResultRecord(
    int schemaVersion,
    String configKey,
    String envFingerprint,
    String runId,
    String timestamp,
    Status status,
    String reason,
    WorkloadRecord workload,
    EnvironmentRecord environment,
    Map<String, MetricStats> metrics,
    Map<String, double[]> samples,
    TrackerResults trackers,
    List<String> flags,
    List<String> notes) {
  /**
   * 2: the workload records which engine setting plays which role ({@code setting_roles}); 3: and the load a serving
   * benchmark put on the server ({@code load}, e.g. "c16"; null when requests ran one at a time).
   */
  public static final int SCHEMA_VERSION = 3;
  /** Schema 2 lacked only {@code workload.load} (every record then ran one request at a time): read as is. */
  static final int SCHEMA_V2 = 2;

  /** The same record under another schema version (an older one read as the current). */
  ResultRecord withSchemaVersion(int version) {
    return new ResultRecord(version, configKey, envFingerprint, runId, timestamp, status, reason, workload, environment,
        metrics, samples, trackers, flags, notes);
  }

  public boolean ok() {
    return status == Status.OK;
  }

  public MetricStats stats(Metric m) {
    return metrics == null ? null : metrics.get(m.key());
  }

  public double[] samples(Metric m) {
    return samples == null ? null : samples.get(m.key());
  }

  /** The headline metric recorded for this configuration. */
  public Metric headline() {
    return Metric.byKey(workload.headline());
  }
}
