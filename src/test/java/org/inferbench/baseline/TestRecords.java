package org.inferbench.baseline;

import java.util.List;
import java.util.Map;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.Status;
import org.inferbench.results.WorkloadRecord;

/** Builds result records for the gate's tests: only the fields the gate reads are filled. */
final class TestRecords {
  private TestRecords() {}

  static ResultRecord record(String configKey, String env, String timestamp, Metric headline, double[] samples) {
    return record(configKey, env, timestamp, headline, samples, Status.OK);
  }

  static ResultRecord record(String configKey, String env, String timestamp, Metric headline, double[] samples,
      Status status) {
    WorkloadRecord workload = new WorkloadRecord("model-" + configKey, null, Map.of(), "fp32", "calibration",
        Map.of(), "decoder", 1, 8, 10, "random", false, 2, samples.length, null, null, null, null, headline.key(), 7L,
        "sequential", "inline");
    return new ResultRecord(ResultRecord.SCHEMA_VERSION, configKey, env, "run-" + timestamp, timestamp, status,
        status == Status.OK ? null : "engine failed", workload, null, Map.of(), Map.of(headline.key(), samples),
        null, List.of(), List.of());
  }
}
