package org.inferbench.engine.openai;

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

  PromptMaker(Api api, PromptTokenizer tokenizer, long seed) {
    this.api = api;
    this.tokenizer = tokenizer;
    this.seed = seed;
  }

  Exactness exactness() {
    return tokenizer != null ? Exactness.TOKENIZER : api == Api.COMPLETIONS ? Exactness.TOKEN_IDS
        : Exactness.APPROXIMATE;
  }

  /** The prompt of request number {@code index}: a JSON string, or an array of token ids. */
  JsonNode prompt(long index, int tokens) throws Exception {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    if (exactness() == Exactness.TOKEN_IDS) {
      ArrayNode ids = Json.MAPPER.createArrayNode();
      for (int i = 0; i < tokens; i++) {
        ids.add(r.nextInt(FIRST_ID, END_ID));
      }
      return ids;
    }
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < tokens; i++) {
      appendWord(words, r);
    }
    return TextNode.valueOf(tokenizer == null ? words.toString() : fit(words, r, tokens));
  }

  /**
   * Trims or extends the text a word at a time until the tokenizer counts exactly {@code tokens}; words of one token
   * each converge at once, so the loop is short; where a word's tokens merge with its neighbour's it may not be
   * exact, and then the closest shorter text is sent.
   */
  private String fit(StringBuilder text, SplittableRandom r, int tokens) throws Exception {
    int n = tokenizer.encode(text.toString()).length;
    for (int round = 0; round < 64 && n != tokens; round++) {
      if (n > tokens) {
        int cut = text.lastIndexOf(" ");
        text.setLength(Math.max(cut, 0));
      } else {
        appendWord(text, r);
      }
      n = tokenizer.encode(text.toString()).length;
    }
    while (n > tokens && text.length() > 0) {
      int cut = text.lastIndexOf(" ");
      text.setLength(Math.max(cut, 0));
      n = tokenizer.encode(text.toString()).length;
    }
    return text.toString();
  }

  private static void appendWord(StringBuilder text, SplittableRandom r) {
    if (!text.isEmpty()) {
      text.append(' ');
    }
    text.append(WORDS[r.nextInt(WORDS.length)]);
  }
}
