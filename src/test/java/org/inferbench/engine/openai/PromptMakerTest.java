package org.inferbench.engine.openai;

import org.inferbench.engine.openai.stream.Api;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.inferbench.engine.PromptTokenizer;
import org.junit.jupiter.api.Test;

/**
 * Prompts are exact in length where a tokenizer or token ids make that possible, different for every request, and
 * the same again for the same seed.
 */
final class PromptMakerTest {
  /** One token per word, and two for a word longer than six letters: a tokenizer whose words do not all fit. */
  private static final PromptTokenizer UNEVEN = text -> {
    int n = 0;
    for (String w : text.strip().split("\\s+")) {
      if (!w.isEmpty()) {
        n += w.length() > 6 ? 2 : 1;
      }
    }
    return new int[n];
  };

  @Test
  void textBuiltWithATokenizerHasExactlyTheAskedLength() throws Exception {
    PromptMaker m = new PromptMaker(Api.CHAT, UNEVEN, 3);
    assertThat(m.exactness()).isEqualTo(PromptMaker.Exactness.TOKENIZER);
    for (int tokens : new int[] {1, 2, 7, 128, 513}) {
      for (long request = 0; request < 5; request++) {
        assertThat(UNEVEN.encode(m.prompt(request, tokens).asText())).as("%d tokens", tokens).hasSize(tokens);
      }
    }
  }

  @Test
  void tokenIdsAreExactUniquePerRequestAndReproducible() throws Exception {
    PromptMaker m = new PromptMaker(Api.COMPLETIONS, null, 3);
    assertThat(m.exactness()).isEqualTo(PromptMaker.Exactness.TOKEN_IDS);
    JsonNode a = m.prompt(0, 64);
    assertThat(a.size()).isEqualTo(64);
    for (JsonNode id : a) {
      assertThat(id.asInt()).isBetween(PromptMaker.FIRST_ID, PromptMaker.END_ID - 1);
    }
    assertThat(m.prompt(1, 64)).isNotEqualTo(a);
    assertThat(m.prompt(1, 64).get(0)).isNotEqualTo(a.get(0)); // differs from the first token: no shared prefix
    assertThat(new PromptMaker(Api.COMPLETIONS, null, 3).prompt(0, 64)).isEqualTo(a);
    assertThat(new PromptMaker(Api.COMPLETIONS, null, 4).prompt(0, 64)).isNotEqualTo(a);
  }

  @Test
  void chatWithoutATokenizerSendsOneWordPerTokenAndSaysItIsApproximate() throws Exception {
    PromptMaker m = new PromptMaker(Api.CHAT, null, 3);
    assertThat(m.exactness()).isEqualTo(PromptMaker.Exactness.APPROXIMATE);
    assertThat(m.prompt(0, 50).asText().split(" ")).hasSize(50);
    assertThat(m.prompt(0, 50)).isNotEqualTo(m.prompt(1, 50));
  }

  @Test
  void aSharedPrefixBeginsEveryPromptAndTheRestIsEachRequestsOwn() throws Exception {
    PromptMaker m = new PromptMaker(Api.COMPLETIONS, null, 3, 24);
    JsonNode a = m.prompt(0, 64);
    JsonNode b = m.prompt(1, 64);
    assertThat(a.size()).isEqualTo(64);
    for (int i = 0; i < 24; i++) assertThat(b.get(i)).isEqualTo(a.get(i));
    assertThat(b.get(24)).isNotEqualTo(a.get(24));
    // another prefix length shares nothing with this one: each length of an axis starts from a cold cache
    assertThat(new PromptMaker(Api.COMPLETIONS, null, 3, 32).prompt(0, 64).get(0)).isNotEqualTo(a.get(0));
    PromptMaker text = new PromptMaker(Api.CHAT, UNEVEN, 3, 24);
    String t0 = text.prompt(0, 64).asText();
    String t1 = text.prompt(1, 64).asText();
    assertThat(UNEVEN.encode(t0)).hasSize(64);
    String prefix = new PromptMaker(Api.CHAT, UNEVEN, 3 * 31 + 24, 0).prompt(Long.MIN_VALUE, 24).asText();
    assertThat(t0).startsWith(prefix + " ");
    assertThat(t1).startsWith(prefix + " ").isNotEqualTo(t0);
  }
}
