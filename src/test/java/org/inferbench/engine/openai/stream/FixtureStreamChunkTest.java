package org.inferbench.engine.openai.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.inferbench.engine.openai.sse.SseEvent;
import org.inferbench.engine.openai.sse.SseFixtures;
import org.inferbench.engine.openai.sse.SseFixtures.LineEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each fixture stream, written from its server's documented format, decodes to the token-carrying chunks, output
 * tokens (with and without a tokenizer, and from where), final usage and timings that the stream holds.
 */
final class FixtureStreamChunkTest {
  /** A stand-in for a model's tokenizer: one token per whitespace-separated word. */
  static final ToIntFunction<String> WORDS = s -> s.isBlank() ? 0 : s.strip().split("\\s+").length;

  /**
   * @param tokensCountedOne the chunks' tokens without a tokenizer
   * @param tokensTokenized the chunks' tokens with {@link #WORDS}
   * @param perChunkSource the source of every token-carrying chunk's count when a tokenizer is given
   * @param usage the final usage, or null if the stream sent none
   */
  record Expected(
      String fixture,
      Api api,
      int events,
      int tokenChunks,
      int tokensCountedOne,
      int tokensTokenized,
      TokenSource perChunkSource,
      Usage usage,
      boolean timings,
      boolean done,
      boolean error) {}

  static Stream<Expected> expectations() {
    return Stream.of(
        new Expected("vllm-completions-include-usage.sse", Api.COMPLETIONS, 7, 5, 5, 5, TokenSource.TOKENIZER,
            new Usage(6, 5), false, true, false),
        // cumulative usage per chunk: " upon a" is two tokens whatever the tokenizer says
        new Expected("vllm-completions-continuous-usage.sse", Api.COMPLETIONS, 6, 4, 5, 5, TokenSource.USAGE,
            new Usage(4, 5), false, true, false),
        // role-only first chunk and finish-only last chunk carry nothing; reasoning text counts; usage counts the
        // stop token, which has no text
        new Expected("vllm-chat.sse", Api.CHAT, 9, 5, 5, 5, TokenSource.TOKENIZER, new Usage(12, 6), false, true,
            false),
        new Expected("llamacpp-chat-timings.sse", Api.CHAT, 7, 4, 4, 4, TokenSource.TOKENIZER, new Usage(9, 4),
            true, true, false),
        new Expected("tgi-chat.sse", Api.CHAT, 5, 4, 4, 4, TokenSource.TOKENIZER, null, false, true, false),
        new Expected("ollama-chat-usage.sse", Api.CHAT, 7, 4, 4, 4, TokenSource.TOKENIZER, new Usage(30, 5), false,
            true, false),
        new Expected("ollama-chat-no-usage.sse", Api.CHAT, 5, 3, 3, 4, TokenSource.TOKENIZER, null, false, true,
            false),
        new Expected("fields-and-keepalives.sse", Api.CHAT, 5, 3, 3, 6, TokenSource.TOKENIZER, null, false, true,
            false),
        new Expected("error-mid-stream.sse", Api.CHAT, 4, 2, 2, 2, TokenSource.TOKENIZER, null, false, false, true),
        // two choices in one chunk, two words in one choice
        new Expected("multi-choice-multi-token.sse", Api.COMPLETIONS, 4, 3, 4, 6, TokenSource.TOKENIZER, null,
            false, true, false));
  }

  @Test
  void everyFixtureHasExpectations() {
    assertThat(expectations().map(Expected::fixture)).containsExactlyInAnyOrderElementsOf(SseFixtures.names());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void withoutATokenizerEachChoiceWithTextIsOneToken(Expected x) {
    StreamTotals t = decode(x, null);
    assertThat(t.chunkTokens()).isEqualTo(x.tokensCountedOne());
    Set<TokenSource> sources = x.perChunkSource() == TokenSource.USAGE
        ? EnumSet.of(TokenSource.USAGE) : EnumSet.of(TokenSource.ONE);
    assertThat(t.chunkTokenSources()).isEqualTo(sources);
    assertCommon(x, t);
    if (x.usage() == null) {
      assertThat(t.outputTokens()).isEqualTo(x.tokensCountedOne());
      assertThat(t.outputTokenSource()).isEqualTo(TokenSource.ONE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void withATokenizerChunksWithoutUsageAreTokenized(Expected x) {
    StreamTotals t = decode(x, WORDS);
    assertThat(t.chunkTokens()).isEqualTo(x.tokensTokenized());
    assertThat(t.chunkTokenSources()).containsExactly(x.perChunkSource());
    assertCommon(x, t);
    if (x.usage() == null) {
      assertThat(t.outputTokens()).isEqualTo(x.tokensTokenized());
      assertThat(t.outputTokenSource()).isEqualTo(TokenSource.TOKENIZER);
    }
  }

  private static void assertCommon(Expected x, StreamTotals t) {
    assertThat(t.tokenChunks()).isEqualTo(x.tokenChunks());
    assertThat(t.usage().orElse(null)).isEqualTo(x.usage());
    if (x.usage() != null) {
      assertThat(t.outputTokens()).isEqualTo(x.usage().completionTokens());
      assertThat(t.outputTokenSource()).isEqualTo(TokenSource.USAGE);
    }
    assertThat(t.timings().isPresent()).isEqualTo(x.timings());
    assertThat(t.done()).isEqualTo(x.done());
    assertThat(t.error().isPresent()).isEqualTo(x.error());
    assertThat(t.malformed()).isEmpty();
  }

  private static StreamTotals decode(Expected x, ToIntFunction<String> tokenizer) {
    List<SseEvent> events = SseFixtures.parse(SseFixtures.bytes(x.fixture(), LineEnd.CRLF)).events();
    assertThat(events).hasSize(x.events());
    ChunkDecoder decoder = new ChunkDecoder(x.api(), tokenizer);
    events.forEach(e -> decoder.decode(e.data()));
    return decoder.totals();
  }

  @Test
  void llamaServerTimingsAreReadFieldByField() {
    StreamTotals t = decode(expectations().filter(x -> x.fixture().startsWith("llamacpp")).findFirst().orElseThrow(),
        null);
    assertThat(t.timings()).contains(new ServerTimings(9, 41.25, 4.583, 218.18, 4, 88.0, 22.0, 45.45, -1));
  }

  @Test
  void theErrorObjectMidStreamKeepsMessageTypeAndCode() {
    StreamTotals t = decode(expectations().filter(x -> x.fixture().startsWith("error")).findFirst().orElseThrow(),
        null);
    assertThat(t.error()).contains(
        new ServerError("The engine stopped unexpectedly", "InternalServerError", "500"));
  }

  @Test
  void chunksKeepTheirTextAndFinishReason() {
    ChunkDecoder decoder = new ChunkDecoder(Api.COMPLETIONS);
    List<StreamMessage> messages = SseFixtures.parse(SseFixtures.bytes("multi-choice-multi-token.sse", LineEnd.LF))
        .events().stream().map(e -> decoder.decode(e.data())).toList();
    assertThat(messages).hasSize(4);
    assertThat(messages.get(0)).isEqualTo(new Chunk(" red blue", 2, TokenSource.ONE, null, null, null));
    assertThat(messages.get(2)).isEqualTo(new Chunk(" sky and", 1, TokenSource.ONE, "length", null, null));
    assertThat(messages.get(3)).isInstanceOf(StreamMessage.Done.class);
  }
}
