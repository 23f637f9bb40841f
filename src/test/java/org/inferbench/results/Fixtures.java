package org.inferbench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Result records made from a seeded Random: the same on every run, so golden files can hold them exactly. */
final class Fixtures {
  private Fixtures() {}

  static WorkloadRecord workload(String model, int batch, int prompt, int output, Map<String, String> settings) {
    return new WorkloadRecord(model, "cfg0123456789abcd", Map.of("layers", "2"), "fp32", "onnx", settings,
        "decoder", batch, prompt, output, "random:seed=42", false, 2, 10, null, null, null, null, "e2e", 42L,
        "sequential", "none", Map.of("threads", "threads"), null, null, null);
  }

  static EnvironmentRecord environment() {
    return new EnvironmentRecord("Test CPU @ 2.0GHz", 2, List.of("avx2", "fma"), 7_936, "Linux", "6.8.0",
        "25+36", "0.1.0", "abc1234", "onnx", "1.20.0", Map.of("threads", "2"), "performance",
        Map.of("container", "none"));
  }

  /** An ok record with TTFT, TPOT and E2E samples drawn from {@code seed}. */
  static ResultRecord ok(long seed, String model, int batch, String timestamp, Map<String, String> settings) {
    Random random = new Random(seed);
    int runs = 10;
    Map<String, double[]> samples = new LinkedHashMap<>();
    double[] ttft = new double[runs];
    double[] tpot = new double[runs];
    double[] e2e = new double[runs];
    for (int i = 0; i < runs; i++) {
      ttft[i] = round(20 + 5 * random.nextGaussian());
      tpot[i] = round(4 + 0.5 * random.nextGaussian());
      e2e[i] = round(ttft[i] + 15 * tpot[i]);
    }
    samples.put(Metric.TTFT.key(), ttft);
    samples.put(Metric.TPOT.key(), tpot);
    samples.put(Metric.E2E.key(), e2e);
    Map<String, MetricStats> metrics = new LinkedHashMap<>();
    samples.forEach((k, v) -> metrics.put(k, Summaries.of(v, Metric.byKey(k))));
    WorkloadRecord w = workload(model, batch, 32, 16, settings);
    EnvironmentRecord env = environment();
    TrackerResults trackers = new TrackerResults(round(512 + random.nextDouble() * 100), 480.25, "vmhwm", 64.0,
        4096.0, 120.5, 33.0, round(40 + random.nextDouble()), 95.5, 3L, 4.5, 800.0,
        Map.of("energy_j", 12.5), Map.of("gpu", "none on this machine"));
    List<String> flags = new ArrayList<>();
    if (metrics.get("e2e").cv() > 0.10) flags.add("noisy");
    return new ResultRecord(ResultRecord.SCHEMA_VERSION, ConfigKey.of(w), EnvFingerprint.of(env), "run-" + seed,
        timestamp, Status.OK, null, w, env, metrics, samples, null, trackers, flags, List.of("seeded, \"quoted\" note"));
  }

  static ResultRecord failed(String model, String timestamp, String reason) {
    WorkloadRecord w = workload(model, 4, 32, 16, Map.of("threads", "1", "graph_opt", "all"));
    EnvironmentRecord env = environment();
    return new ResultRecord(ResultRecord.SCHEMA_VERSION, ConfigKey.of(w), EnvFingerprint.of(env), "run-failed",
        timestamp, Status.FAILED, reason, w, env, null, null, null, null, null, null);
  }

  /** Three records: two ok (different settings), one failed with a reason holding a comma and a newline. */
  static List<ResultRecord> seeded() {
    return List.of(
        ok(7, "tiny-gpt2", 1, "2026-01-02T03:04:05Z", Map.of("threads", "2")),
        ok(8, "tiny-gpt2", 2, "2026-01-02T03:05:06.5Z", Map.of("threads", "1", "intra_op", "2")),
        failed("tiny-llama", "2026-01-02T03:06:07Z", "OOM while loading, see\nlog"));
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
