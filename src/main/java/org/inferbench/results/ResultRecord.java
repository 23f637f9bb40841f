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
 * @param requestTokens each measured request's prompt and output tokens where requests asked for lengths of their
 *     own; null where every request asked for the workload's
 * @param flags e.g. "noisy"
 * @param levels (schema 5) each request's fork and round, the variance components and how the CIs were built; null
 *     for records measured under a load (their CIs are batch means) and for records before schema 5
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
    RequestTokens requestTokens,
    TrackerResults trackers,
    List<String> flags,
    List<String> notes,
    Levels levels) {
  /**
   * 2: the workload records which engine setting plays which role ({@code setting_roles}); 3: and the load a serving
   * benchmark put on the server ({@code load}, e.g. "c16"; null when requests ran one at a time); 4: and how each
   * request's lengths varied ({@code workload.length_dist}, {@code workload.request_file}) with each request's
   * tokens ({@code request_tokens}); 5: and the engine build that ran ({@code workload.engine_build}: llama.cpp's
   * commit), the run's salt of the prompts sent to a server ({@code workload.prompt_salt}) and the levels a
   * configuration was measured in ({@code levels}: forks, rounds, variance components, the CI's method), its metrics'
   * mean CIs built across them. A new field is a new version because readers refuse fields they do not know.
   */
  public static final int SCHEMA_VERSION = 5;
  /**
   * Versions that lacked only fields which are null when absent — 2: {@code workload.load} (every record then ran one
   * request at a time); 3: the lengths of schema 4 (every request asked for the workload's); 4: the engine build, the
   * prompt salt (its prompts cannot be replayed) and the levels of schema 5 (its llamacpp records ran de.kherud:llama's llama.cpp b4916, named in their engine version;
   * its mean CIs are the within-process bootstrap, which is what it measured) — read as they are, with their
   * config_keys.
   */
  static final java.util.Set<Integer> READ_AS_IS = java.util.Set.of(2, 3, 4);

  /** A record without levels (serving under a load, or built by older code paths). */
  public ResultRecord(int schemaVersion, String configKey, String envFingerprint, String runId, String timestamp,
      Status status, String reason, WorkloadRecord workload, EnvironmentRecord environment,
      Map<String, MetricStats> metrics, Map<String, double[]> samples, RequestTokens requestTokens,
      TrackerResults trackers, List<String> flags, List<String> notes) {
    this(schemaVersion, configKey, envFingerprint, runId, timestamp, status, reason, workload, environment, metrics,
        samples, requestTokens, trackers, flags, notes, null);
  }

  /** The same record under another schema version (an older one read as the current). */
  ResultRecord withSchemaVersion(int version) {
    return new ResultRecord(version, configKey, envFingerprint, runId, timestamp, status, reason, workload, environment,
        metrics, samples, requestTokens, trackers, flags, notes, levels);
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
