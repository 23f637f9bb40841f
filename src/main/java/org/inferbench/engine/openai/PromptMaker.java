package org.inferbench.engine.openai;

import org.inferbench.engine.openai.stream.Api;
import org.inferbench.engine.openai.stream.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.SplittableRandom;
import org.inferbench.engine.PromptTokenizer;

/**
 * Draws each request's prompt from the seed and the request's number, so that no two requests share a prefix a
 * server could cache, and a rerun with the same seed sends the same prompts. Three ways, best first: text built to
 * an exact token length with the served model's tokenizer; token ids, where the API takes them (completions); text
 * of common words that most tokenizers read as one token each, whose length is therefore approximate.
 */
final class PromptMaker {
  /**
   * Token ids are drawn from this range: below it sit the special and byte tokens of common vocabularies, and every
   * vocabulary of 30,000 or more holds it (GPT-2, BERT, T5, Llama, Qwen).
   */
  static final int FIRST_ID = 1000;

  static final int END_ID = 30000;
  private static final String[] WORDS = ("time year people way day man thing woman life child world school state "
      + "family student group country problem hand part place case week company system program question work "
      + "government number night point home water room mother area money story fact month lot right study book eye "
      + "job word business issue side kind head house service friend father power hour game line end member law car "
      + "city community name president team minute idea kid body information back parent face others level office "
      + "door health person art war history party result change morning reason research girl guy moment air teacher "
      + "force education").split(" ");

  /** How exact the prompt lengths are, for the record. */
  enum Exactness {
    TOKENIZER("exact: text built with the tokenizer"),
    TOKEN_IDS("exact: token ids"),
    APPROXIMATE("approximate: one common word per token, no tokenizer given");

    final String note;

    Exactness(String note) {
      this.note = note;
    }
  }

  private final Api api;
  private final PromptTokenizer tokenizer;
  private final long seed;
  private final int sharedPrefix;

  PromptMaker(Api api, PromptTokenizer tokenizer, long seed) {
    this(api, tokenizer, seed, 0);
  }

  /** @param sharedPrefix the tokens every prompt begins with (the same for every request), 0 for none */
  PromptMaker(Api api, PromptTokenizer tokenizer, long seed, int sharedPrefix) {
    this.api = api;
    this.tokenizer = tokenizer;
    this.seed = seed;
    this.sharedPrefix = sharedPrefix;
  }

  Exactness exactness() {
    return tokenizer != null ? Exactness.TOKENIZER : api == Api.COMPLETIONS ? Exactness.TOKEN_IDS
        : Exactness.APPROXIMATE;
  }

  /**
   * The prompt of request number {@code index}: a JSON string, or an array of token ids. With a shared prefix its
   * first tokens are the prefix every request sends (drawn from the seed and the prefix's length alone), the rest
   * its own.
   */
  JsonNode prompt(long index, int tokens) throws Exception {
    int shared = Math.min(sharedPrefix, tokens);
    if (shared == 0) {
      return own(index, tokens);
    }
    // the prefix's draw depends on its length: prefixes of two lengths share nothing, so an axis of lengths measures
    // each from a cold cache
    JsonNode prefix = new PromptMaker(api, tokenizer, seed * 31 + shared, 0).own(Long.MIN_VALUE, shared);
    if (shared == tokens) {
      return prefix;
    }
    JsonNode rest = own(index, tokens - shared);
    if (prefix instanceof ArrayNode ids) {
      ArrayNode all = ids.deepCopy();
      all.addAll((ArrayNode) rest);
      return all;
    }
    return TextNode.valueOf(prefix.asText() + " " + rest.asText()); // a word boundary: the counts add up
  }

  private JsonNode own(long index, int tokens) throws Exception {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    if (exactness() == Exactness.TOKEN_IDS) {
      ArrayNode ids = Json.MAPPER.createArrayNode();
      for (int i = 0; i < tokens; i++) {
        ids.add(r.nextInt(FIRST_ID, END_ID));
      }
      return ids;
    }
    if (tokenizer != null) {
      return TextNode.valueOf(fit(r, tokens));
    }
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < tokens; i++) {
      appendWord(words, WORDS[r.nextInt(WORDS.length)]);
    }
    return TextNode.valueOf(words.toString());
  }

  /**
   * The shortest prefix of a seeded word sequence that the tokenizer counts at least {@code tokens} for, found by
   * bisection (a count grows with the prefix), so a long prompt costs a dozen encodings. Where that prefix overshoots
   * (its last word is several tokens) its last word is swapped for one that lands exactly; only if none does is the
   * closest shorter text sent.
   */
  private String fit(SplittableRandom r, int tokens) throws Exception {
    String[] words = new String[2 * tokens + 16];
    for (int i = 0; i < words.length; i++) {
      words[i] = WORDS[r.nextInt(WORDS.length)];
    }
    int lo = 1;
    int hi = words.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (count(words, mid, null) >= tokens) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    if (count(words, lo, null) == tokens) {
      return join(words, lo, null);
    }
    int offset = r.nextInt(WORDS.length);
    for (int i = 0; i < WORDS.length; i++) {
      String last = WORDS[(offset + i) % WORDS.length];
      if (count(words, lo - 1, last) == tokens) {
        return join(words, lo - 1, last);
      }
    }
    return join(words, lo - 1, null);
  }

  private int count(String[] words, int n, String last) throws Exception {
    return tokenizer.encode(join(words, n, last)).length;
  }

  private static String join(String[] words, int n, String last) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      appendWord(b, words[i]);
    }
    if (last != null) {
      appendWord(b, last);
    }
    return b.toString();
  }

  private static void appendWord(StringBuilder text, String word) {
    if (!text.isEmpty()) {
      text.append(' ');
    }
    text.append(word);
  }
}
