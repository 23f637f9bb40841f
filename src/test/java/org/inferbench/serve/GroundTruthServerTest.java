package org.inferbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.inferbench.engine.openai.stream.Api;
import org.inferbench.engine.openai.stream.Chunk;
import org.inferbench.engine.openai.stream.StreamMessage;
import org.inferbench.engine.openai.stream.Usage;
import org.inferbench.testing.TimingRetry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ground-truth server speaks the OpenAI streaming protocol as the project's own parser reads it, refuses bad
 * requests with OpenAI error objects, queues streams beyond its slots, and reports its own lateness.
 */
final class GroundTruthServerTest {
  static final ServedModel MODEL = new ServedModel("truth", "calibration", "1", 1 << 20);
  static OpenAiServer fast;

  @BeforeAll
  static void start() throws Exception {
    fast = new OpenAiServer("127.0.0.1", 0, MODEL,
        new DeadlineScheduler(Integer.MAX_VALUE, Timing.fixed(5_000_000, 2_000_000)), null, 50257);
  }

  @AfterAll
  static void stop() {
    fast.close();
  }

  static String completion(String prompt, int max, boolean stream) {
    return "{\"model\":\"truth\",\"prompt\":" + prompt + ",\"max_tokens\":" + max + ",\"stream\":" + stream
        + ",\"stream_options\":{\"include_usage\":true}}";
  }

  @Test
  void streamedChunksParseEndWithDoneAndCountUsage() throws Exception {
    SseClient.Received r = SseClient.stream(fast.baseUrl(), "/completions", completion("\"one two three\"", 5, true),
        Api.COMPLETIONS);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.tokenChunks()).hasSize(5).allSatisfy(c -> assertThat(c.text()).isEqualTo(" tok"));
    assertThat(r.tokenChunks().get(4).finishReason()).isEqualTo("length");
    assertThat(r.messages().get(r.messages().size() - 1)).isInstanceOf(StreamMessage.Done.class);
    assertThat(r.totals().done()).isTrue();
    assertThat(r.totals().usage()).contains(new Usage(3, 5));
    assertThat(r.writeNanos()).isSorted().allSatisfy(w -> assertThat(w).isPositive());
  }

  @Test
  void chatStreamsWithTheRoleFirst() throws Exception {
    String body = "{\"model\":\"truth\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}],"
        + "\"max_completion_tokens\":3,\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
    SseClient.Received r = SseClient.stream(fast.baseUrl(), "/chat/completions", body, Api.CHAT);
    assertThat(r.tokenChunks()).hasSize(3);
    assertThat(r.totals().usage()).contains(new Usage(2, 3));
    assertThat(r.totals().done()).isTrue();
  }

  @Test
  void tokenIdPromptsCountAsGiven() throws Exception {
    SseClient.Received r = SseClient.stream(fast.baseUrl(), "/completions", completion("[1,2,3,4,5,6,7]", 2, true),
        Api.COMPLETIONS);
    assertThat(r.totals().usage()).contains(new Usage(7, 2));
  }

  @Test
  void withoutStreamingOneJsonAnswers() throws Exception {
    HttpResponse<String> r = SseClient.post(fast.baseUrl(), "/completions", completion("\"a b\"", 4, false));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode json = Wire.JSON.readTree(r.body());
    assertThat(json.path("object").asText()).isEqualTo("text_completion");
    assertThat(json.path("choices").get(0).path("text").asText()).isEqualTo(" tok tok tok tok");
    assertThat(json.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
    assertThat(json.path("usage").path("prompt_tokens").asInt()).isEqualTo(2);
    assertThat(json.path("usage").path("completion_tokens").asInt()).isEqualTo(4);
  }

  @Test
  void modelsAndVersionDescribeTheServer() throws Exception {
    String base = fast.baseUrl();
    JsonNode models = SseClient.getJson(base + "/models");
    assertThat(models.path("data").get(0).path("id").asText()).isEqualTo("truth");
    JsonNode version = SseClient.getJson(base.substring(0, base.length() - "/v1".length()) + "/version");
    assertThat(version.path("engine").asText()).isEqualTo("calibration");
    assertThat(version.path("version").asText()).isNotBlank();
  }

  @Test
  void badRequestsGetOpenAiErrorObjects() throws Exception {
    String base = fast.baseUrl();
    assertError(SseClient.post(base, "/completions", "{\"model\":\"gpt-4\",\"prompt\":\"x\"}"), 404, "model_not_found");
    assertError(SseClient.post(base, "/completions", "{not json"), 400, "invalid_request");
    assertError(SseClient.post(base, "/completions", "{\"prompt\":\"x\"}"), 400, "invalid_request");
    assertError(SseClient.post(base, "/completions", "{\"model\":\"truth\"}"), 400, "invalid_request");
    assertError(SseClient.post(base, "/chat/completions", "{\"model\":\"truth\",\"prompt\":\"x\"}"), 400, "invalid_request");
    assertError(SseClient.post(base, "/completions", completion("\"x\"", 0, true)), 400, "invalid_request");
    assertError(SseClient.post(base, "/nowhere", "{}"), 404, "not_found");
  }

  private static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode error = Wire.JSON.readTree(r.body()).path("error");
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(error.path("type").asText()).isNotBlank();
    assertThat(error.path("code").asText()).isEqualTo(code);
  }

  /**
   * slots=2, four streams at once, each 4 tokens at ttft 50 ms, tpot 50 ms (service 200 ms): the third and fourth
   * start when the first two finish, so their first chunks are written about one service time after the first two.
   */
  @Test
  @Tag("timing")
  void streamsBeyondTheSlotsWaitOneServiceTime() throws Exception {
    long service = 200_000_000;
    TimingRetry.retry("ground truth queueing", () -> {
      try (OpenAiServer two = new OpenAiServer("127.0.0.1", 0, MODEL,
          new DeadlineScheduler(2, Timing.fixed(50_000_000, 50_000_000)), null, 50257)) {
        List<SseClient.Received> streams = concurrently(4, () -> SseClient.stream(two.baseUrl(), "/completions",
            completion("\"q\"", 4, true), Api.COMPLETIONS));
        List<SseClient.Received> byFirst = new ArrayList<>(streams);
        byFirst.sort(Comparator.comparingLong(r -> r.writeNanos().get(0)));
        for (SseClient.Received r : streams) {
          assertThat(r.tokenChunks()).hasSize(4);
          assertThat(r.writeNanos()).isSorted();
          assertThat(r.totals().usage()).contains(new Usage(1, 4));
        }
        long earlyFirst = byFirst.get(1).writeNanos().get(0);
        long lateFirst = byFirst.get(2).writeNanos().get(0);
        // the late pair starts when an early stream writes its last chunk, not before
        long earlyLast = Math.min(byFirst.get(0).writeNanos().get(3), byFirst.get(1).writeNanos().get(3));
        assertThat(lateFirst - earlyFirst).as("gap between the 2nd and 3rd first chunks").isGreaterThan(service / 2);
        assertThat(lateFirst).as("3rd stream's first chunk after the first stream's last").isGreaterThan(earlyLast);
        assertThat(two.lateness().chunks()).isEqualTo(16);
      }
    });
  }

  @Test
  void latenessIsReportedAtItsEndpointAndAsALine() throws Exception {
    SseClient.stream(fast.baseUrl(), "/completions", completion("\"x\"", 3, true), Api.COMPLETIONS);
    JsonNode late = SseClient.getJson(fast.baseUrl() + "/lateness");
    assertThat(late.path("chunks").asLong()).isGreaterThanOrEqualTo(3);
    for (String f : List.of("p50_us", "p99_us", "max_us")) {
      assertThat(late.path(f).isNumber()).as(f).isTrue();
      assertThat(late.path(f).asDouble()).as(f).isGreaterThanOrEqualTo(0);
    }
    assertThat(fast.latenessLine()).startsWith("lateness over ").contains("p50", "p99", "max");
    SseClient.getJson(fast.baseUrl() + "/lateness?reset=true");
    assertThat(SseClient.getJson(fast.baseUrl() + "/lateness").path("p50_us").isNull()).isTrue();
  }

  static <T> List<T> concurrently(int n, Callable<T> task) throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) futures.add(pool.submit(task));
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) out.add(f.get());
      return out;
    }
  }
}
