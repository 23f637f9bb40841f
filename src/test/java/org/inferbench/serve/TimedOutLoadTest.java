package org.inferbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.inferbench.InferBench;
import org.inferbench.results.ResultRecord;
import org.junit.jupiter.api.Test;

/**
 * A load whose every request times out (the ground-truth server takes 2 s to its first token, the timeout is 0.2 s)
 * fails its configuration with a reason that says what the first request's connection did: it was connected and
 * its request written, so the server, not the network, was silent.
 */
final class TimedOutLoadTest {
  @Test
  void aLoadThatOnlyTimedOutSaysWhatItsConnectionsDid() throws Exception {
    try (OpenAiServer server = new OpenAiServer("127.0.0.1", 0, GroundTruthServerTest.MODEL,
        new DeadlineScheduler(1, Timing.fixed(2_000_000_000L, 1_000_000L)), null, 50257)) {
      List<ResultRecord> r = InferBench.workload().model("truth").engine("openai")
          .engineOpt("endpoint", server.baseUrl()).prompt(8).output(2).warmup(0).runs(2).concurrency(1)
          .requestTimeout(Duration.ofMillis(200)).run();
      assertThat(r).singleElement().satisfies(x -> {
        assertThat(x.ok()).isFalse();
        assertThat(x.reason()).startsWith("every request failed: {timeout=2}; the first: ")
            .contains("connection: new connection +", "request written +");
      });
    }
  }
}
