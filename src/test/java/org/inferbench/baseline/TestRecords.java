package org.inferbench.baseline;

import java.util.List;
import java.util.Map;
import org.inferbench.results.EnvironmentRecord;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.Status;
import org.inferbench.results.WorkloadRecord;

/** Builds result records for the gate's tests: only the fields the gate reads are filled. */
final class TestRecords {
  private TestRecords() {}

  private static EnvironmentRecord environment() {
    return new EnvironmentRecord("test cpu", 2, List.of(), 1024, "Linux", "6.0", "25", "0.1.0", null, "calibration",
        "1", Map.of(), null, Map.of());
  }

  /**
   * A record of a served configuration (openai at concurrency 4), as the remote engine writes it: the server's
   * endpoint and version among the environment's engine settings.
   */
  static ResultRecord served(String configKey, String endpoint, String version, String timestamp, double[] samples) {
    ResultRecord r = record(configKey, "client", timestamp, Metric.E2E, samples);
    WorkloadRecord w = r.workload();
    WorkloadRecord servedWorkload = new WorkloadRecord(w.model(), w.modelConfigHash(), w.modelOptions(), w.dtype(),
        "openai", Map.of("endpoint", endpoint), w.shape(), w.batch(), w.prompt(), w.output(), w.promptSource(),
        w.includeTokenization(), w.warmup(), w.runs(), w.targetCi(), w.minRuns(), w.maxRuns(), w.maxTimeS(),
        w.headline(), w.seed(), w.order(), w.isolate(), w.settingRoles(), "c4", null, null);
    EnvironmentRecord e = environment();
    EnvironmentRecord env = new EnvironmentRecord(e.cpuModel(), e.cores(), e.cpuFlags(), e.memoryMb(), e.os(),
        e.kernel(), e.jvm(), e.toolVersion(), e.gitCommit(), "openai", "openai-client/1 server " + version,
        Map.of("endpoint", endpoint, "server.endpoint", endpoint, "server.version", version, "server.model", "m"),
        e.cpuGovernor(), e.extra());
    return new ResultRecord(r.schemaVersion(), r.configKey(), r.envFingerprint(), r.runId(), r.timestamp(), r.status(),
        r.reason(), servedWorkload, env, r.metrics(), r.samples(), r.requestTokens(), r.trackers(), r.flags(),
        r.notes());
  }

  static ResultRecord record(String configKey, String env, String timestamp, Metric headline, double[] samples) {
    return record(configKey, env, timestamp, headline, samples, Status.OK);
  }

  static ResultRecord record(String configKey, String env, String timestamp, Metric headline, double[] samples,
      Status status) {
    WorkloadRecord workload = new WorkloadRecord("model-" + configKey, null, Map.of(), "fp32", "calibration",
        Map.of(), "decoder", 1, 8, 10, "random", false, 2, samples.length, null, null, null, null, headline.key(), 7L,
        "sequential", "inline", Map.of(), null, null, null);
    return new ResultRecord(ResultRecord.SCHEMA_VERSION, configKey, env, "run-" + timestamp, timestamp, status,
        status == Status.OK ? null : "engine failed", workload, environment(), Map.of(), Map.of(headline.key(), samples),
        null, null, List.of(), List.of());
  }
}
