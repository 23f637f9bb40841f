package org.inferbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.inferbench.InferBench;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.testing.TimingRetry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The load generator against the ground-truth server behaves as queueing theory says: with N = 2 slots and a fixed
 * service time S = ttft + (tokens − 1) · tpot = 200 ms, a closed loop of C streams gets min(C, N) / S requests per
 * second (a plateau of 10/s past the knee at C = N), and past the knee each request first waits for a slot: the
 * median TTFT grows by (C / N − 1) · S over one stream's (a closed deterministic system cycles in lockstep).
 * Measured through the real openai engine and client, over loopback, within 5 %.
 */
@Tag("timing")
final class QueueingTheoryTest {
  private static final double TTFT_MS = 50;
  private static final double TPOT_MS = 50;
  private static final int TOKENS = 4;
  private static final int SLOTS = 2;

  @Test
  void throughputPlateausAtTheSlotsAndTtftGrowsAsTheDeterministicQueueSays() throws Exception {
    double serviceS = (TTFT_MS + (TOKENS - 1) * TPOT_MS) / 1000;
    try (OpenAiServer server = new OpenAiServer("127.0.0.1", 0, GroundTruthServerTest.MODEL,
        new DeadlineScheduler(SLOTS, Timing.fixed((long) (TTFT_MS * 1e6), (long) (TPOT_MS * 1e6))), null, 50257)) {
      TimingRetry.retry("queueing against the ground-truth server", () -> {
        List<ResultRecord> r = InferBench.workload().model("truth").engine("openai")
            .engineOpt("endpoint", server.baseUrl()).prompt(8).output(TOKENS).warmup(2).runs(24)
            .concurrency(1, 2, 4, 6).run();
        assertThat(r).hasSize(4).allMatch(ResultRecord::ok);
        // TTFT past the knee grows by the wait for a slot; what one request costs over HTTP (1–3 ms) is in every
        // TTFT alike, so the growth over one stream's TTFT is what the theory predicts
        double alone = r.get(0).stats(Metric.TTFT).p50();
        assertThat(alone).as("c1 median TTFT (ms)").isBetween(TTFT_MS, TTFT_MS * 1.2);
        for (ResultRecord x : r) {
          int c = Integer.parseInt(x.workload().load().substring(1));
          double expectedPerS = Math.min(c, SLOTS) / serviceS;
          double expectedGrowth = Math.max(0, (double) c / SLOTS - 1) * serviceS * 1000;
          Map<?, ?> s = (Map<?, ?>) x.trackers().extra().get("serving");
          double perS = ((Number) s.get("request_throughput_per_s")).doubleValue();
          double growth = x.stats(Metric.TTFT).p50() - alone;
          assertThat(perS).as("c%d throughput (req/s)", c).isBetween(expectedPerS * 0.95, expectedPerS * 1.05);
          // within 5 % of the growth, or of one service time where none is expected
          double tolerance = 0.05 * Math.max(expectedGrowth, serviceS * 1000);
          assertThat(growth).as("c%d median TTFT growth (ms)", c).isBetween(expectedGrowth - tolerance,
              expectedGrowth + tolerance);
        }
      });
    }
  }
}
