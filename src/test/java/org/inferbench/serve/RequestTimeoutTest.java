package org.inferbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.inferbench.InferBench;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.testing.TimingRetry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A request timeout against the ground-truth server: one slot serving each request in S = ttft + 2 · tpot = 140 ms
 * while requests arrive every 70 ms, so each waits 70 ms longer than the one before (E2E 140, 210, 280 ms, …). With a
 * 250 ms timeout the first requests finish and the later ones are cancelled: they are counted as errors of kind
 * timeout, the run goes on, and only the requests that finished in time are in the latencies.
 */
@Tag("timing")
final class RequestTimeoutTest {
  private static final double TIMEOUT_MS = 250;

  @Test
  void requestsPastTheTimeoutAreTimeoutErrorsAndTheOthersAreKept() throws Exception {
    try (OpenAiServer server = new OpenAiServer("127.0.0.1", 0, GroundTruthServerTest.MODEL,
        new DeadlineScheduler(1, Timing.fixed(100_000_000L, 20_000_000L)), null, 50257)) {
      TimingRetry.retry("request timeout against the ground-truth server", () -> {
        List<ResultRecord> r = InferBench.workload().model("truth").engine("openai")
            .engineOpt("endpoint", server.baseUrl()).prompt(8).output(3).warmup(0).runs(10)
            .requestRate("constant", 1000 / 70.0).requestTimeout(Duration.ofMillis((long) TIMEOUT_MS)).run();
        ResultRecord x = r.get(0);
        assertThat(x.ok()).as("status %s: %s", x.status(), x.reason()).isTrue();
        assertThat(x.workload().load()).endsWith(" timeout 0.25s");
        Map<?, ?> s = (Map<?, ?>) x.trackers().extra().get("serving");
        int completed = ((Number) s.get("completed")).intValue();
        int timeouts = ((Number) ((Map<?, ?>) s.get("errors")).get("timeout")).intValue();
        assertThat(s.get("errors")).as("errors by kind").isEqualTo(Map.of("timeout", timeouts));
        assertThat(completed).as("finished in time").isBetween(1, 9);
        assertThat(completed + timeouts).as("every request sent is accounted for").isEqualTo(10);
        assertThat(s.get("request_timeout_s")).isEqualTo(0.25);
        assertThat(x.flags()).contains("failed-requests");
        // the latencies are those of the requests that finished, every one within the timeout
        assertThat(x.stats(Metric.E2E).count()).isEqualTo(completed);
        assertThat(Arrays.stream(x.samples().get(Metric.E2E.key())).max().orElseThrow()).isLessThanOrEqualTo(TIMEOUT_MS);
      });
    }
  }
}
