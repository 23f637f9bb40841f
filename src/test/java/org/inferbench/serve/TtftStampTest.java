package org.inferbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.inferbench.engine.openai.client.ChunkArrival;
import org.inferbench.engine.openai.client.RequestTrace;
import org.inferbench.engine.openai.client.StreamingClient;
import org.inferbench.engine.openai.stream.Api;
import org.junit.jupiter.api.Test;

/**
 * The ground-truth server stamps when a request reached it on its first chunk, so a client's TTFT can be set against
 * the server's own request-to-first-write: the server's is at least its 30 ms TTFT, and the client's exceeds it by
 * the request's way in and the chunk's way out — never less (the send precedes the arrival, the write the read).
 */
final class TtftStampTest {
  @Test
  void theFirstChunkSaysWhenTheRequestArrived() throws Exception {
    try (OpenAiServer server = new OpenAiServer("127.0.0.1", 0, GroundTruthServerTest.MODEL,
        new DeadlineScheduler(1, Timing.fixed(30_000_000L, 5_000_000L)), null, 50257);
        StreamingClient c = new StreamingClient(Duration.ofSeconds(5))) {
      HttpRequest r = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/completions")).POST(
          HttpRequest.BodyPublishers.ofString("{\"model\":\"truth\",\"prompt\":\"a b c\",\"max_tokens\":3,"
              + "\"stream\":true,\"ignore_eos\":true}")).build();
      RequestTrace t = c.stream(r, Api.COMPLETIONS, null, System.nanoTime()).awaitTrace(20, TimeUnit.SECONDS);
      assertThat(t.ok()).as(t.failureMessage()).isTrue();
      ChunkArrival first = t.chunks().get(0);
      assertThat(first.serverArrivalEpochNanos()).isPositive();
      assertThat(t.chunks().get(1).serverArrivalEpochNanos()).isEqualTo(-1);
      long serverTtft = first.serverWriteEpochNanos() - first.serverArrivalEpochNanos();
      long clientTtft = first.arrivalNanos() - t.sendNanos();
      assertThat(serverTtft).isGreaterThanOrEqualTo(30_000_000L);
      assertThat(clientTtft - serverTtft).isBetween(-100_000L, 2_000_000_000L);
    }
  }
}
