package org.inferbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.inferbench.engine.openai.stream.Api;
import org.inferbench.engine.openai.stream.Usage;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of concurrent streams at 10 tokens/s each (tpot 100 ms) on the ground-truth server all complete, each
 * with its tokens, usage and non-decreasing write times, and the server reports its lateness over every chunk.
 *
 * <p>By hand, to see the server's lateness at load: {@code -Dserve.streams=N -Dserve.rounds=R} (later rounds run on a
 * warm JVM), and {@code -Dserve.url=http://127.0.0.1:PORT/v1} to load a server in its own JVM
 * ({@code inferbench serve --engine calibration --model truth --engine-opt ttft=100ms --engine-opt tpot=100ms}).
 */
final class ManyStreamsTest {
  @Test
  void hundredsOfStreamsCompleteAndLatenessCoversEveryChunk() throws Exception {
    int streams = Integer.getInteger("serve.streams", 200);
    for (int round = 0; round < Integer.getInteger("serve.rounds", 1); round++) {
      String external = System.getProperty("serve.url");
      if (external != null) {
        load(external, streams);
        JsonNode late = SseClient.getJson(external + "/lateness?reset=true");
        System.out.println(streams + " streams, server in its own JVM: lateness of this round " + late);
        continue;
      }
      try (OpenAiServer server = new OpenAiServer("127.0.0.1", 0, GroundTruthServerTest.MODEL,
          new DeadlineScheduler(Integer.MAX_VALUE, Timing.fixed(100_000_000, 100_000_000)), null, 50257)) {
        load(server.baseUrl(), streams);
        Lateness.Summary late = server.lateness();
        assertThat(late.chunks()).isEqualTo(streams * 10L);
        System.out.println(streams + " streams, server in this JVM: " + late.line());
      }
    }
  }

  private static void load(String baseUrl, int streams) throws Exception {
    int tokens = 10;
    String model = SseClient.getJson(baseUrl + "/models").path("data").get(0).path("id").asText();
    String body = "{\"model\":\"" + model + "\",\"prompt\":\"a b\",\"max_tokens\":" + tokens
        + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
    List<SseClient.Received> all = GroundTruthServerTest.concurrently(streams,
        () -> SseClient.stream(baseUrl, "/completions", body, Api.COMPLETIONS));
    for (SseClient.Received r : all) {
      assertThat(r.tokenChunks()).hasSize(tokens);
      assertThat(r.totals().usage()).contains(new Usage(2, tokens));
      assertThat(r.writeNanos()).isSorted();
    }
  }
}
