package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.inferbench.InferBench;
import org.inferbench.engine.openai.client.ReplayServer;
import org.inferbench.results.ResultRecord;
import org.junit.jupiter.api.Test;

/**
 * A load runs its requests in flight at once through the real openai client against a loopback server replaying a
 * vLLM stream (5 tokens, 20 ms apart): each load is its own configuration and key, the serving figures are recorded,
 * and an engine that runs one request at a time is not applicable under load.
 */
final class LoadMeasurementTest {
  @Test
  void concurrencyPutsRequestsInFlightAndIsPartOfTheKey() throws Exception {
    try (ReplayServer server = new ReplayServer(ReplayServer.Answer.fixture("vllm-completions-include-usage.sse", 20))) {
      List<ResultRecord> r = InferBench.workload().model("m").engine("openai")
          .engineOpt("endpoint", server.endpoint()).prompt(16).output(5).warmup(2).runs(24).concurrency(1, 4)
          .slo("ttft=10s").run();
      assertThat(r).hasSize(2).allMatch(ResultRecord::ok);
      assertThat(r).extracting(x -> x.workload().load()).containsExactly("c1", "c4");
      assertThat(r.get(0).configKey()).isNotEqualTo(r.get(1).configKey());
      for (ResultRecord x : r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) x.trackers().extra().get("serving");
        assertThat(s).containsEntry("completed", 24).containsEntry("failed", 0).containsEntry("good_share", 1.0);
        assertThat(x.stats(org.inferbench.results.Metric.TTFT).count()).isEqualTo(24);
        // each stream: about 6 events × 20 ms; four at once take about a quarter of the window one at a time does
        double perS = ((Number) s.get("request_throughput_per_s")).doubleValue();
        assertThat(perS).isPositive();
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> c4 = (Map<String, Object>) r.get(1).trackers().extra().get("serving");
      assertThat(c4).containsEntry("peak_in_flight", 4);
      double one = ((Number) ((Map<?, ?>) r.get(0).trackers().extra().get("serving")).get("window_s")).doubleValue();
      assertThat(((Number) c4.get("window_s")).doubleValue()).isLessThan(one / 2);
    }
  }

  @Test
  void aRampUpsRequestsAreRecordedButNotMeasured() throws Exception {
    try (ReplayServer server = new ReplayServer(ReplayServer.Answer.fixture("vllm-completions-include-usage.sse", 20))) {
      List<ResultRecord> r = InferBench.workload().model("m").engine("openai")
          .engineOpt("endpoint", server.endpoint()).prompt(16).output(5).warmup(0).runs(8).concurrency(1, 4)
          .rampUp(java.time.Duration.ofMillis(300)).slo("ttft=10s").run();
      assertThat(r).hasSize(2).allMatch(ResultRecord::ok);
      assertThat(r).extracting(x -> x.workload().load()).containsExactly("c1 ramp 0.3s", "c4 ramp 0.3s");
      @SuppressWarnings("unchecked")
      Map<String, Object> c4 = (Map<String, Object>) r.get(1).trackers().extra().get("serving");
      // each of the 4 streams starts within the ramp and sends at least one request there; none is measured
      assertThat(((Number) c4.get("ramp_requests")).intValue()).isGreaterThanOrEqualTo(4);
      assertThat(c4).containsEntry("ramp_up_s", 0.3).containsEntry("ramp_failed", 0).containsEntry("completed", 8);
      assertThat(r.get(1).stats(org.inferbench.results.Metric.TTFT).count()).isEqualTo(8);
      // the findings read the concurrency from the label's first word
      assertThat(org.inferbench.report.ServingFindings.sentences(new org.inferbench.report.ResultSet(r)))
          .singleElement().asString().contains("meets");
    }
  }

  /**
   * The report draws each request of the heaviest load from the timeline file next to the results: one segment to
   * the first token and one streaming per request; without the file, no such plot.
   */
  @Test
  void theReportDrawsEachRequestOfTheHeaviestLoadFromItsTimelineFile(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    try (ReplayServer server = new ReplayServer(ReplayServer.Answer.fixture("vllm-completions-include-usage.sse", 20))) {
      List<ResultRecord> r = InferBench.workload().model("m").engine("openai")
          .engineOpt("endpoint", server.endpoint()).prompt(16).output(5).warmup(0).runs(12).concurrency(1, 4)
          .resultsFile(dir.resolve("results.jsonl")).run();
      var plots = org.inferbench.report.Report.analyse(r, List.of(), true).plots();
      var timeline = plots.stream().filter(p -> p.id().startsWith("request_timeline_")).toList();
      assertThat(timeline).singleElement().satisfies(p -> assertThat(p.title()).contains("c4"));
      var chart = (org.knowm.xchart.XYChart) timeline.get(0).panels().get(0);
      // three points a request (from, to, the gap) in each of its two segments
      assertThat(chart.getSeriesMap().get("to first token").getXData()).hasSize(12 * 3);
      assertThat(chart.getSeriesMap().get("streaming").getXData()).hasSize(12 * 3);
      assertThat(chart.getSeriesMap()).doesNotContainKey("failed");
      @SuppressWarnings("unchecked")
      Map<String, Object> c4 = (Map<String, Object>) r.get(1).trackers().extra().get("serving");
      java.nio.file.Files.delete(java.nio.file.Path.of(c4.get("timeline_file").toString()));
      @SuppressWarnings("unchecked")
      Map<String, Object> c1 = (Map<String, Object>) r.get(0).trackers().extra().get("serving");
      java.nio.file.Files.delete(java.nio.file.Path.of(c1.get("timeline_file").toString()));
      assertThat(org.inferbench.report.Report.analyse(r, List.of(), true).plots())
          .noneMatch(p -> p.id().startsWith("request_timeline_"));
    }
  }

  @Test
  void anInProcessEngineIsNotApplicableUnderLoad() {
    assertThatThrownBy(() -> InferBench.workload().model("m").engine("calibration").prompt(16).output(2).runs(2)
        .concurrency(2).run()).hasMessageContaining("one request at a time").hasMessageContaining("--engine openai");
  }
}
