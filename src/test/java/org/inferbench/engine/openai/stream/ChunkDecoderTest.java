package org.inferbench.engine.openai.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each event's data is classified, and each chunk's tokens counted from the best source the stream offers. */
final class ChunkDecoderTest {
  private static String chat(String delta, String extra) {
    return "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta
        + ",\"finish_reason\":null}]" + extra + "}";
  }

  private static String usage(int prompt, int completion) {
    return ",\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + "}";
  }

  @Test
  void doneIsTheSentinelWithOrWithoutSurroundingSpace() {
    ChunkDecoder d = new ChunkDecoder(Api.CHAT);
    assertThat(d.decode("[DONE]")).isInstanceOf(StreamMessage.Done.class);
    assertThat(d.decode(" [DONE] ")).isInstanceOf(StreamMessage.Done.class);
    assertThat(d.totals().done()).isTrue();
  }

  @Test
  void theThreeErrorShapesAreErrors() {
    ChunkDecoder d = new ChunkDecoder(Api.CHAT);
    assertThat(d.decode("{\"error\":{\"message\":\"too long\",\"type\":\"BadRequestError\",\"code\":\"ctx\"}}"))
        .isEqualTo(new ServerError("too long", "BadRequestError", "ctx"));
    assertThat(d.decode("{\"object\":\"error\",\"message\":\"oom\",\"type\":\"InternalServerError\",\"code\":500}"))
        .isEqualTo(new ServerError("oom", "InternalServerError", "500"));
    assertThat(d.decode("{\"error\":\"Request failed during generation\",\"error_type\":\"generation\"}"))
        .isEqualTo(new ServerError("Request failed during generation", "generation", null));
    assertThat(d.decode("{\"error\":{}}")).isEqualTo(new ServerError("", null, null));
    assertThat(d.totals().error()).contains(new ServerError("too long", "BadRequestError", "ctx"));
  }

  @Test
  void dataThatIsNoChunkIsMalformed() {
    ChunkDecoder d = new ChunkDecoder(Api.CHAT);
    assertThat(d.decode("{\"choices\":[{\"delta\":")).isInstanceOf(StreamMessage.Malformed.class);
    assertThat(d.decode("[1,2]")).isInstanceOf(StreamMessage.Malformed.class);
    assertThat(d.decode("")).isInstanceOf(StreamMessage.Malformed.class);
    assertThat(d.decode("{\"token\":{\"id\":1,\"text\":\"x\"}}")).isInstanceOf(StreamMessage.Malformed.class);
    assertThat(d.totals().malformed()).get().extracting(StreamMessage.Malformed::data)
        .isEqualTo("{\"choices\":[{\"delta\":");
  }

  @Test
  void roleOnlyNullAndEmptyContentCarryNoToken() {
    ChunkDecoder d = new ChunkDecoder(Api.CHAT, s -> 3);
    for (String delta : new String[] {"{\"role\":\"assistant\"}", "{\"content\":null}", "{\"content\":\"\"}", "{}"}) {
      Chunk c = (Chunk) d.decode(chat(delta, ""));
      assertThat(c.carriesTokens()).as(delta).isFalse();
      assertThat(c.tokenSource()).isEqualTo(TokenSource.NONE);
    }
  }

  @Test
  void reasoningTextCountsUnderEitherNameButNotTwice() {
    ChunkDecoder d = new ChunkDecoder(Api.CHAT);
    assertThat(((Chunk) d.decode(chat("{\"reasoning_content\":\"think\",\"content\":null}", ""))).text())
        .isEqualTo("think");
    assertThat(((Chunk) d.decode(chat("{\"reasoning\":\"more\"}", ""))).text()).isEqualTo("more");
    Chunk both = (Chunk) d.decode(chat("{\"reasoning_content\":\"same\",\"reasoning\":\"same\"}", ""));
    assertThat(both.text()).isEqualTo("same");
    assertThat(both.tokens()).isEqualTo(1);
  }

  @Test
  void theApiDecidesWhereTextIs() {
    String completion = "{\"choices\":[{\"index\":0,\"text\":\"hi\",\"finish_reason\":null}]}";
    assertThat(((Chunk) new ChunkDecoder(Api.COMPLETIONS).decode(completion)).carriesTokens()).isTrue();
    assertThat(((Chunk) new ChunkDecoder(Api.CHAT).decode(completion)).carriesTokens()).isFalse();
  }

  @Test
  void cumulativeUsagePerChunkCountsDifferences() {
    ChunkDecoder d = new ChunkDecoder(Api.CHAT, s -> 100);
    assertThat(((Chunk) d.decode(chat("{\"role\":\"assistant\",\"content\":\"\"}", usage(7, 0)))).tokens()).isZero();
    Chunk first = (Chunk) d.decode(chat("{\"content\":\"a\"}", usage(7, 1)));
    Chunk three = (Chunk) d.decode(chat("{\"content\":\"bcd\"}", usage(7, 4)));
    Chunk heldBack = (Chunk) d.decode(chat("{\"content\":\"\"}", usage(7, 5)));
    Chunk released = (Chunk) d.decode(chat("{\"content\":\"é\"}", usage(7, 5)));
    assertThat(first.tokens()).isEqualTo(1);
    assertThat(three.tokens()).isEqualTo(3);
    assertThat(three.tokenSource()).isEqualTo(TokenSource.USAGE);
    assertThat(heldBack.tokens()).as("a token without text yet is still a token").isEqualTo(1);
    assertThat(released.carriesTokens()).as("usage says nothing new arrived").isFalse();
    assertThat(d.decode("{\"choices\":[]" + usage(7, 5) + "}")).extracting(m -> ((Chunk) m).tokens()).isEqualTo(0);
    assertThat(d.totals().outputTokens()).isEqualTo(5);
    assertThat(d.totals().tokenChunks()).isEqualTo(3);
  }

  @Test
  void usageAfterChunksWithoutItIsTheRequestsTotalNotTheChunks() {
    ChunkDecoder d = new ChunkDecoder(Api.CHAT);
    d.decode(chat("{\"content\":\"a\"}", ""));
    d.decode(chat("{\"content\":\"b\"}", ",\"usage\":null"));
    Chunk last = (Chunk) d.decode(chat("{\"content\":\"c\"}", usage(3, 3)));
    assertThat(last.tokens()).isEqualTo(1);
    assertThat(last.tokenSource()).isEqualTo(TokenSource.ONE);
    assertThat(last.usage()).isEqualTo(new Usage(3, 3));
    assertThat(d.totals().chunkTokens()).isEqualTo(3);
    assertThat(d.totals().outputTokens()).isEqualTo(3);
    assertThat(d.totals().outputTokenSource()).isEqualTo(TokenSource.USAGE);
  }

  @Test
  void aTokenizerCountsEachChoiceAndAtLeastOnePerChoiceWithText() {
    ChunkDecoder d = new ChunkDecoder(Api.COMPLETIONS, String::length);
    Chunk c = (Chunk) d.decode("{\"choices\":[{\"index\":0,\"text\":\"ab\"},{\"index\":1,\"text\":\"cde\"}]}");
    assertThat(c.tokens()).isEqualTo(5);
    ChunkDecoder zero = new ChunkDecoder(Api.COMPLETIONS, s -> 0);
    assertThat(((Chunk) zero.decode("{\"choices\":[{\"index\":0,\"text\":\"\\u00e9\"}]}")).tokens()).isEqualTo(1);
  }

  @Test
  void cachedPromptTokensAreReadFromTheUsageDetailsAndLlamaServersTimings() {
    ChunkDecoder d = new ChunkDecoder(Api.COMPLETIONS);
    Chunk c = (Chunk) d.decode("{\"choices\":[{\"index\":0,\"text\":\"x\",\"finish_reason\":\"length\"}],"
        + "\"usage\":{\"completion_tokens\":4,\"prompt_tokens\":128,\"prompt_tokens_details\":{\"cached_tokens\":96}},"
        + "\"timings\":{\"cache_n\":96,\"prompt_n\":32,\"prompt_ms\":80.5}}");
    assertThat(c.usage()).isEqualTo(new Usage(128, 4, 96));
    assertThat(c.timings().cacheN()).isEqualTo(96);
    assertThat(c.timings().promptN()).isEqualTo(32);
  }

  @Test
  void usageWithoutCompletionTokensIsNotUsage() {
    ChunkDecoder d = new ChunkDecoder(Api.CHAT);
    Chunk c = (Chunk) d.decode(chat("{\"content\":\"x\"}", ",\"usage\":{\"prompt_tokens\":4}"));
    assertThat(c.usage()).isNull();
    assertThat(c.tokenSource()).isEqualTo(TokenSource.ONE);
    assertThat(((Chunk) d.decode("{\"choices\":[],\"usage\":{\"completion_tokens\":9}}")).usage())
        .isEqualTo(new Usage(-1, 9));
  }

  @Test
  void finishReasonIsTheFirstOneSet() {
    ChunkDecoder d = new ChunkDecoder(Api.COMPLETIONS);
    Chunk c = (Chunk) d.decode("{\"choices\":[{\"text\":\"\",\"finish_reason\":null},{\"text\":\"\","
        + "\"finish_reason\":\"stop\"}]}");
    assertThat(c.finishReason()).isEqualTo("stop");
    assertThat(c.carriesTokens()).isFalse();
  }
}
