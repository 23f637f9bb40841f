package org.inferbench.engine.openai;

import org.inferbench.engine.openai.stream.Api;
import org.inferbench.engine.openai.stream.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.ModelRef;
import org.inferbench.engine.Request;
import org.inferbench.engine.openai.client.ChunkArrival;
import org.inferbench.engine.openai.client.ReplayServer;
import org.inferbench.engine.openai.client.ReplayServer.Answer;
import org.inferbench.engine.openai.client.RequestTrace;
import org.inferbench.measure.RequestTimer;
import org.inferbench.measure.TokenTimeline;
import org.inferbench.engine.openai.stream.TokenSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The openai engine runs through the harness's own request timer with the chunks' arrivals as its steps, sends the
 * request the settings describe with a prompt of its own per request, and refuses at prepare time, in one line,
 * every input that would fail all requests.
 */
final class OpenAiEngineTest {
  private final OpenAiEngine engine = new OpenAiEngine();

  private static EngineSettings settings(String endpoint, String... more) {
    Map<String, String> given = new HashMap<>(Map.of("endpoint", endpoint, "prompt-seed", "7"));
    for (int i = 0; i < more.length; i += 2) {
      given.put(more[i], more[i + 1]);
    }
    return EngineSettings.resolve("openai", OpenAiSettings.SPECS, given);
  }

  private static Request request(int prompt, int output) {
    return new Request(new int[1][prompt], output, false);
  }

  @Test
  void theRequestTimersStepsAreTheChunksArrivals() throws Exception {
    try (ReplayServer s = new ReplayServer(Answer.fixture("vllm-completions-continuous-usage.sse", 20))) {
      EngineSettings es = settings(s.endpoint());
      engine.prepare(ModelRef.of("m"), es);
      try (OpenAiModel model = (OpenAiModel) engine.load(ModelRef.of("m"), es)) {
        TokenTimeline timeline = RequestTimer.time(model, request(16, 5));
        RequestTrace trace = model.lastTrace();
        assertThat(trace.ok()).as(trace.failureMessage()).isTrue();
        assertThat(timeline.tokens()).isEqualTo(5);
        long[] offsets = timeline.offsets();
        List<ChunkArrival> chunks = trace.chunks();
        assertThat(chunks).extracting(ChunkArrival::tokens).containsExactly(1, 2, 1, 1);
        // the timer reads its clock after each step returns: never before the chunk arrived, and soon after
        long timerFirst = timeline.startNanos() + offsets[0];
        assertThat(timerFirst - chunks.get(0).arrivalNanos()).isBetween(0L, 20_000_000L);
        assertThat(model.effectiveSettings())
            .containsEntry("server.endpoint", s.endpoint())
            .containsEntry("server.model", "m")
            .containsEntry("server.models", "m")
            .containsEntry("server.model.max_model_len", "2048")
            .containsEntry("server.prompt_tokens", "4")
            .containsEntry("output_token_source", "usage")
            .containsKey("trackers");
      }
    }
  }

  @Test
  void theBodyAsksForAStreamWithUsageAndEveryRequestHasItsOwnPrompt() throws Exception {
    try (ReplayServer s = new ReplayServer(Answer.fixture("vllm-completions-include-usage.sse", 0))) {
      EngineSettings es = settings(s.endpoint(), "extra-body", "{\"min_tokens\":3}");
      try (OpenAiModel model = (OpenAiModel) engine.load(ModelRef.of("m"), es)) {
        RequestTimer.time(model, request(12, 5));
        RequestTimer.time(model, request(12, 5));
      }
      List<JsonNode> bodies = s.received().stream().filter(r -> r.method().equals("POST"))
          .map(r -> readTree(r.body())).toList();
      assertThat(bodies).hasSize(2);
      JsonNode b = bodies.get(0);
      assertThat(b.get("model").asText()).isEqualTo("m");
      assertThat(b.get("stream").asBoolean()).isTrue();
      assertThat(b.at("/stream_options/include_usage").asBoolean()).isTrue();
      assertThat(b.get("max_tokens").asInt()).isEqualTo(5);
      assertThat(b.get("ignore_eos").asBoolean()).isTrue();
      assertThat(b.get("min_tokens").asInt()).isEqualTo(3);
      assertThat(b.get("prompt").size()).isEqualTo(12); // token ids: exact length without a tokenizer
      assertThat(bodies.get(1).get("prompt")).isNotEqualTo(b.get("prompt"));
    }
  }

  @Test
  void extraBodyNullRemovesAFieldAndChatSendsAMessage() {
    var extra = (com.fasterxml.jackson.databind.node.ObjectNode) readTree("{\"ignore_eos\":null}");
    JsonNode b = readTree(RequestBody.of(Api.CHAT, "m", com.fasterxml.jackson.databind.node.TextNode.valueOf("hi"),
        4, extra));
    assertThat(b.has("ignore_eos")).isFalse();
    assertThat(b.at("/messages/0/content").asText()).isEqualTo("hi");
    assertThat(b.at("/messages/0/role").asText()).isEqualTo("user");
  }

  @Test
  void anUnreachableEndpointIsOneLineNamingTheUrl() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/v1";
    assertThatThrownBy(() -> engine.prepare(ModelRef.of("m"), settings(url)))
        .isInstanceOf(BadInputException.class)
        .hasMessage("endpoint " + url + ": cannot connect (connection refused)");
  }

  @Test
  void anUnknownHostIsNamed() {
    String url = "http://no-such-host.invalid:8000/v1";
    assertThatThrownBy(() -> engine.prepare(ModelRef.of("m"), settings(url)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(url).hasMessageContaining("unknown host");
  }

  @Test
  void aWrongModelNameCarriesTheServersMessageAndTheServedNames() throws Exception {
    try (ReplayServer s = new ReplayServer(Answer.status(404, "application/json",
        "{\"object\":\"error\",\"message\":\"The model `llama` does not exist.\",\"type\":\"NotFoundError\"}"))) {
      assertThatThrownBy(() -> engine.prepare(ModelRef.of("llama"), settings(s.endpoint())))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("HTTP 404: The model `llama` does not exist.")
          .hasMessageContaining("not among the served models: m");
    }
  }

  @Test
  void aRefusedKeyCarriesTheServersMessage() throws Exception {
    try (ReplayServer s = new ReplayServer(Answer.status(401, "application/json",
        "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}"))) {
      assertThatThrownBy(() -> engine.prepare(ModelRef.of("m"), settings(s.endpoint())))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("HTTP 401: Incorrect API key provided")
          .hasMessageContaining("api-key-env");
    }
  }

  @Test
  void aJsonAnswerWhereAStreamWasAskedIsRefused() throws Exception {
    try (ReplayServer s = new ReplayServer(Answer.status(200, "application/json",
        "{\"id\":\"cmpl-1\",\"choices\":[{\"text\":\"hello\"}]}"))) {
      assertThatThrownBy(() -> engine.prepare(ModelRef.of("m"), settings(s.endpoint())))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("not an event stream (content-type 'application/json'");
    }
  }

  @Test
  void theKeyIsReadFromTheNamedVariableAndNeverRecorded() throws Exception {
    String name = "PATH"; // any variable that is set proves the lookup; its value stands in for a key
    String value = System.getenv(name);
    try (ReplayServer s = new ReplayServer(Answer.fixture("vllm-completions-include-usage.sse", 0))) {
      EngineSettings es = settings(s.endpoint(), "api-key-env", name);
      engine.prepare(ModelRef.of("m"), es);
      try (OpenAiModel model = (OpenAiModel) engine.load(ModelRef.of("m"), es)) {
        RequestTimer.time(model, request(4, 5));
        assertThat(model.effectiveSettings()).containsEntry("api-key-env", name);
        assertThat(model.effectiveSettings().values()).noneMatch(v -> v.contains(value));
      }
      assertThat(s.received()).allSatisfy(r ->
          assertThat(r.headers().get("Authorization")).as("the Authorization header").containsExactly("Bearer " + value));
    }
    assertThatThrownBy(() -> engine.describe(ModelRef.of("m"),
        settings("http://127.0.0.1:1/v1", "api-key-env", "INFERBENCH_NO_SUCH_VARIABLE_42")))
        .isInstanceOf(BadInputException.class)
        .hasMessage("--engine-opt api-key-env=INFERBENCH_NO_SUCH_VARIABLE_42: the environment variable "
            + "INFERBENCH_NO_SUCH_VARIABLE_42 is not set");
    assertThatThrownBy(() -> engine.describe(ModelRef.of("m"), settings("http://127.0.0.1:1/v1", "api-key-env",
        "sk-abc123-secret")))
        .isInstanceOf(BadInputException.class)
        .hasMessageNotContaining("sk-abc123");
  }

  @Test
  void aBatchAboveOneIsNotApplicable() throws Exception {
    EngineSettings es = settings("http://127.0.0.1:1/v1");
    var info = engine.describe(ModelRef.of("m"), es);
    assertThat(engine.notApplicable(info, es, 1, 128, 32)).isNull();
    assertThat(engine.notApplicable(info, es, 4, 128, 32)).contains("--batch 4").contains("one prompt per request");
  }

  @Test
  void withATokenizerChatPromptsHaveTheExactLengthAndChunksAreCountedByIt(@TempDir Path dir) throws Exception {
    Path tokenizer = dir.resolve("tokenizer.json");
    Files.writeString(tokenizer, wordLevelTokenizer());
    try (ReplayServer s = new ReplayServer(Answer.fixture("tgi-chat.sse", 0))) {
      EngineSettings es = settings(s.endpoint(), "api", "chat", "tokenizer", tokenizer.toString());
      try (OpenAiModel model = (OpenAiModel) engine.load(ModelRef.of("m"), es)) {
        RequestTimer.time(model, request(40, 4));
        assertThat(model.lastTrace().chunks()).extracting(ChunkArrival::source).containsOnly(TokenSource.TOKENIZER);
        assertThat(model.effectiveSettings().get("prompt_length")).startsWith("exact: text built with the tokenizer");
        String content = readTree(s.received().get(s.received().size() - 1).body()).at("/messages/0/content").asText();
        assertThat(model.tokenizer().encode(content)).hasSize(40);
      }
    }
  }

  /** A Hugging Face tokenizer.json: whitespace split, every word one token (unknown ones as [UNK]). */
  private static String wordLevelTokenizer() {
    return """
        {"version":"1.0","truncation":null,"padding":null,
         "added_tokens":[{"id":0,"content":"[UNK]","single_word":false,"lstrip":false,"rstrip":false,
           "normalized":false,"special":true}],
         "normalizer":null,"pre_tokenizer":{"type":"Whitespace"},"post_processor":null,"decoder":null,
         "model":{"type":"WordLevel","vocab":{"[UNK]":0,"time":1,"year":2},"unk_token":"[UNK]"}}
        """;
  }

  private static JsonNode readTree(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
