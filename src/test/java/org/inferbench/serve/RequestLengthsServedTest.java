package org.inferbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.inferbench.InferBench;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.testing.TimingRetry;
import org.inferbench.workload.LengthDist;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under load, each request reaches the ground-truth server with its own lengths — drawn from the seed, or replayed
 * from a request file (text sent as it is, lengths synthesized) — through the real openai engine: the server
 * streams each request's output exactly and writes its first token 5 ms per prompt token after it arrives, so every
 * TTFT lies between that and a little more, and the record keeps each request's tokens (a text prompt's as the
 * server's usage counted it).
 */
@Tag("timing")
final class RequestLengthsServedTest {
  private static final long NS_PER_PROMPT_TOKEN = 5_000_000;
  /**
   * What a request's TTFT may take beyond its prompt's deadline: loopback HTTP, on a machine shared with other jobs
   * (measured 5–20 ms at a load of 4 on 2 cores); less than the deadlines of prompts 10 tokens apart.
   */
  private static final double SLACK_MS = 40;

  @TempDir
  Path dir;

  private static OpenAiServer server() throws Exception {
    return new OpenAiServer("127.0.0.1", 0, GroundTruthServerTest.MODEL, new DeadlineScheduler(Integer.MAX_VALUE,
        new Timing(p -> p * NS_PER_PROMPT_TOKEN, c -> 1_000_000)), null, 50257);
  }

  /** Each request's (prompt, output) tokens as recorded, in send order. */
  private static List<String> pairs(ResultRecord r) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < r.requestTokens().prompt().size(); i++) {
      out.add(r.requestTokens().prompt().get(i) + ":" + r.requestTokens().output().get(i));
    }
    return out;
  }

  /**
   * Every request's TTFT lies at or after its prompt's deadline (the server cannot write sooner), and not much later:
   * the server counted this request's prompt, not another length.
   */
  private static void ttftFollowsEachPrompt(ResultRecord r) {
    double[] ttft = r.samples(Metric.TTFT);
    for (int i = 0; i < ttft.length; i++) {
      double due = r.requestTokens().prompt().get(i) * NS_PER_PROMPT_TOKEN / 1e6;
      assertThat(ttft[i]).as("request %d's TTFT (ms), prompt due at %.0f ms", i, due).isBetween(due, due + SLACK_MS);
    }
  }

  @Test
  void aRequestFileIsReplayedUnderLoad() throws Exception {
    Path f = dir.resolve("recorded.jsonl");
    Files.writeString(f, "{\"prompt\": \"one two three four five six\", \"output_tokens\": 3}\n"
        + "{\"prompt_tokens\": 40, \"output_tokens\": 5}\n{\"prompt_len\": 10, \"max_tokens\": 2}\n"
        + "{\"prompt\": \"alpha beta\", \"output_tokens\": 4}\n");
    try (OpenAiServer server = server()) {
      TimingRetry.retry("a request file against the ground-truth server", () -> {
        ResultRecord r = InferBench.workload().model("truth").engine("openai").engineOpt("endpoint", server.baseUrl())
            .requestFile(f).warmup(4).runs(8).concurrency(4).run().get(0);
        assertThat(r.ok()).as(r.reason()).isTrue();
        assertThat(r.workload().requestFile().requests()).isEqualTo(4);
        // each line twice; under load they complete in any order
        assertThat(pairs(r)).containsExactlyInAnyOrder("6:3", "40:5", "10:2", "2:4", "6:3", "40:5", "10:2", "2:4");
        ttftFollowsEachPrompt(r);
      });
    }
  }

  @Test
  void drawnLengthsReachTheServerUnderLoad() throws Exception {
    LengthDist d = new LengthDist(LengthDist.Kind.UNIFORM, 0.5);
    List<String> drawn = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      var g = LengthDist.forRequest(3, k);
      int p = d.draw(30, g);
      drawn.add(p + ":" + d.draw(6, g));
    }
    try (OpenAiServer server = server()) {
      TimingRetry.retry("drawn lengths against the ground-truth server", () -> {
        ResultRecord r = InferBench.workload().model("truth").engine("openai").engineOpt("endpoint", server.baseUrl())
            .prompt(30).output(6).lengthDist("uniform:0.5").seed(3).warmup(4).runs(12).concurrency(4).run().get(0);
        assertThat(r.ok()).as(r.reason()).isTrue();
        assertThat(pairs(r)).containsExactlyInAnyOrderElementsOf(drawn);
        ttftFollowsEachPrompt(r);
      });
    }
  }
}
