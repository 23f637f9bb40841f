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
