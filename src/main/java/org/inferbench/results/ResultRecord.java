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
  /** 2: the workload records which engine setting plays which role ({@code setting_roles}). */
  public static final int SCHEMA_VERSION = 2;

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
