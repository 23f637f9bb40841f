package org.inferbench.model.gguf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokens of a GGUF file a greedy check lets an engine choose: normal tokens of two or more letters, whose text
 * llama.cpp streams whole, one token per result, so that the text names the token. Every engine in a check chooses
 * among the same tokens (llama.cpp through a logit bias that bans the rest, others by a masked argmax).
 */
public final class GreedyVocab {
  /**
   * How far two float implementations' logits may differ, as a share of the logits' spread: a step whose top-2
   * margin is below it may go either way.
   */
  public static final double FLOAT_TOLERANCE = 1e-3;

  private final Map<String, Integer> byText = new HashMap<>();
  private final boolean[] allowed;

  public GreedyVocab(GgufFile f) throws Exception {
    List<String> tokens = f.getStrings("tokenizer.ggml.tokens");
    long[] types = f.getArray("tokenizer.ggml.token_type").longs();
    allowed = new boolean[tokens.size()];
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      allowed[i] = types[i] == 1 && t.replace("\u2581", "").length() >= 2;
      if (allowed[i]) byText.put(t.replace('\u2581', ' '), i);
    }
  }

  public boolean allowed(int id) {
    return allowed[id];
  }

  public List<Integer> banned() {
    List<Integer> b = new ArrayList<>();
    for (int i = 0; i < allowed.length; i++) if (!allowed[i]) b.add(i);
    return b;
  }

  /** The allowed token llama.cpp streamed as this text. */
  public int id(String text) {
    Integer id = byText.get(text);
    if (id == null) throw new AssertionError("llama.cpp produced '" + text + "', not one allowed token");
    return id;
  }

  /** The allowed token with the highest logit among {@code logits[offset .. offset + vocab)}. */
  public int argmax(float[] logits, int offset) {
    int best = -1;
    for (int t = 0; t < allowed.length; t++) {
      if (allowed[t] && (best < 0 || logits[offset + t] > logits[offset + best])) best = t;
    }
    return best;
  }

  /** The two allowed tokens with the highest logits, best first. */
  public int[] top2(float[] logits) {
    int best = -1;
    int second = -1;
    for (int t = 0; t < logits.length; t++) {
      if (!allowed[t]) continue;
      if (best < 0 || logits[t] > logits[best]) {
        second = best;
        best = t;
      } else if (second < 0 || logits[t] > logits[second]) {
        second = t;
      }
    }
    return new int[] {best, second};
  }

  /** The standard deviation of the allowed tokens' logits. */
  public double spread(float[] logits) {
    double mean = 0;
    double sq = 0;
    int n = 0;
    for (int t = 0; t < logits.length; t++) {
      if (!allowed[t]) continue;
      mean += logits[t];
      sq += logits[t] * (double) logits[t];
      n++;
    }
    return Math.sqrt(Math.max(0, sq / n - (mean / n) * (mean / n)));
  }
}
