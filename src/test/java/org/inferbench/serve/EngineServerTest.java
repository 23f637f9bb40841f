package org.inferbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.inferbench.engine.Engine;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.ModelRef;
import org.inferbench.engine.openai.stream.Api;
import org.inferbench.engine.openai.stream.Usage;
import org.inferbench.registry.EngineRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Over a real engine (ONNX Runtime, a 2-layer gpt2 shape with a 500-token vocabulary that loads in about a second)
 * every generated token is one chunk, usage counts what was sent, and requests take turns on the one slot.
 */
final class EngineServerTest {
  static final Map<String, String> TINY_GPT2 = Map.of("n_layer", "2", "n_embd", "64", "n_head", "4",
      "vocab_size", "500", "n_positions", "128");
  static OpenAiServer server;
  static Engine onnx;
  static ModelRef ref;
  static EngineSettings settings;

  @BeforeAll
  static void start() throws Exception {
    onnx = EngineRegistry.get("onnx");
    ref = new ModelRef("gpt2", null, TINY_GPT2);
    settings = EngineSettings.resolve(onnx.name(), onnx.settings(), Map.of());
    ModelInfo info = onnx.describe(ref, settings);
    server = Serving.start("127.0.0.1", 0, onnx, ref, "gpt2", settings, info, new ServeSettings(null, null, null));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  static String body(int max) {
    return "{\"model\":\"gpt2\",\"prompt\":[5,17,301,44,98,120],\"max_tokens\":" + max
        + ",\"ignore_eos\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
  }

  @Test
  void everyTokenIsOneChunkAndUsageCountsThem() throws Exception {
    SseClient.Received r = SseClient.stream(server.baseUrl(), "/completions", body(8), Api.COMPLETIONS);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.tokenChunks()).hasSize(8);
    assertThat(r.totals().usage()).contains(new Usage(6, 8));
    assertThat(r.totals().done()).isTrue();
    assertThat(r.writeNanos()).isSorted();
    // a random-weight model's tokens, decoded by its own tokenizer: text, one token per chunk
    assertThat(r.tokenChunks()).allSatisfy(c -> assertThat(c.text()).isNotEmpty());
  }

  @Test
  void textPromptsUseTheModelsTokenizer() throws Exception {
    String body = "{\"model\":\"gpt2\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}],"
        + "\"max_tokens\":2,\"ignore_eos\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
    SseClient.Received r = SseClient.stream(server.baseUrl(), "/chat/completions", body, Api.CHAT);
    assertThat(r.tokenChunks()).hasSize(2);
    assertThat(r.totals().usage()).hasValueSatisfying(u -> assertThat(u.promptTokens()).isPositive());
  }

  /**
   * One slot: the second request's first token is produced after the first request's last (order, not timing; the
   * production times, since a stream's writer may lag behind its engine).
   */
  @Test
  void requestsTakeTurnsOnTheOneSlot() throws Exception {
    try (EngineBackend backend = new EngineBackend(onnx.load(ref, settings), 1)) {
      DeadlineSchedulerTest.Recorder first = new DeadlineSchedulerTest.Recorder();
      DeadlineSchedulerTest.Recorder second = new DeadlineSchedulerTest.Recorder();
      backend.submit(job(16), first);
      backend.submit(job(16), second);
      assertThat(second.finished.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(first.dues()).hasSize(16);
      assertThat(second.dues()).hasSize(16);
      assertThat(second.dues().get(0)).isGreaterThan(first.dues().get(15));
      assertThat(first.events.get(16)).isEqualTo(new StreamEvent.Finish("length", 6, 16));
    }
  }

  static CompletionJob job(int max) {
    return new CompletionJob(ServeApi.COMPLETIONS, "cmpl-t", "gpt2", new int[] {5, 17, 301, 44, 98, 120}, max, true,
        true, false);
  }
}
