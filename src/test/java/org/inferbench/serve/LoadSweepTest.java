package org.inferbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.inferbench.InferBench;
import org.inferbench.report.ResultSet;
import org.inferbench.report.ServingFindings;
import org.inferbench.results.ResultRecord;
import org.inferbench.testing.TimingRetry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code --load sweep} against the ground-truth server with 2 slots and a 100 ms service time: the synchronous rate
 * is one stream's 10 requests/s, the maximum throughput the slots' 20/s, and the rates between are measured; with
 * an SLO on TTFT the findings name the load where p99 crosses it, between the synchronous rate and the plateau.
 */
@Tag("timing")
final class LoadSweepTest {
  @Test
  void sweepFindsTheSynchronousRateAndTheMaximumAndTheKneeBetween() throws Exception {
    try (OpenAiServer server = new OpenAiServer("127.0.0.1", 0, GroundTruthServerTest.MODEL,
        new DeadlineScheduler(2, Timing.fixed(40_000_000, 20_000_000)), null, 50257)) {
      TimingRetry.retry("load sweep against the ground-truth server", () -> {
        List<ResultRecord> r = InferBench.workload().model("truth").engine("openai")
            .engineOpt("endpoint", server.baseUrl()).prompt(8).output(4).warmup(2).runs(40).loadSweep("sweep:3")
            .slo("ttft=150ms").run();
        assertThat(r).hasSize(5).allMatch(ResultRecord::ok);
        assertThat(r.get(0).workload().load()).isEqualTo("c1");
        assertThat(r.get(1).workload().load()).isEqualTo("rinf");
        double sync = rate(r.get(0));
        double max = rate(r.get(1));
        assertThat(sync).isBetween(9.0, 10.5); // 100 ms a request, one at a time
        assertThat(max).isBetween(18.0, 21.0); // two slots
        assertThat(r.subList(2, 5)).allSatisfy(x -> assertThat(x.workload().load()).startsWith("r").endsWith("/s poisson"));
        List<String> findings = ServingFindings.sentences(new ResultSet(r));
        assertThat(findings).singleElement().asString().contains("truth (openai)", "ttft=150 ms", "requests/s");
      });
    }
  }

  private static double rate(ResultRecord r) {
    return ((Number) ((Map<?, ?>) r.trackers().extra().get("serving")).get("request_throughput_per_s")).doubleValue();
  }
}
