package org.inferbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.inferbench.InferBench;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.testing.TimingRetry;
import org.junit.jupiter.api.Test;

/**
 * The load generator against the ground-truth server behaves as queueing theory says: with N = 2 slots and a fixed
 * service time S = ttft + (tokens − 1) · tpot = 200 ms, a closed loop of C streams gets min(C, N) / S requests per
 * second (a plateau of 10/s past the knee at C = N), and past the knee each request first waits for a slot: the
 * median TTFT is ttft + (C / N − 1) · S (a closed deterministic system cycles in lockstep). Measured through the real
 * openai engine and client, over loopback, within 5 %.
 */
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
        for (ResultRecord x : r) {
          int c = Integer.parseInt(x.workload().load().substring(1));
          double expectedPerS = Math.min(c, SLOTS) / serviceS;
          double expectedTtft = TTFT_MS + Math.max(0, (double) c / SLOTS - 1) * serviceS * 1000;
          Map<?, ?> s = (Map<?, ?>) x.trackers().extra().get("serving");
          double perS = ((Number) s.get("request_throughput_per_s")).doubleValue();
          double ttft = x.stats(Metric.TTFT).p50();
          assertThat(perS).as("c%d throughput (req/s)", c).isBetween(expectedPerS * 0.95, expectedPerS * 1.05);
          assertThat(ttft).as("c%d median TTFT (ms)", c).isBetween(expectedTtft * 0.95, expectedTtft * 1.05);
        }
      });
    }
  }
}
