package org.inferbench.model.gguf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.inferbench.model.HfConfig;

/**
 * A vocabulary of exactly vocab_size tokens that llama.cpp's loader accepts (src/llama-vocab.cpp): prompts are token
 * ids, so only its size, its special ids and its ability to turn any id back into text matter.
 *
 * <ul>
 *   <li>llama (SentencePiece, tokenizer.ggml.model "llama"): unknown, bos and eos at the config's ids, the 256 byte
 *       tokens {@code <0xXX>} (type 6, which the loader looks up for byte fallback), the rest distinct pieces.
 *   <li>gpt2 (byte-level BPE, "gpt2"): every token spelled in GPT-2's byte-to-unicode alphabet (the loader maps each
 *       character back to a byte, and aborts on any other character), a merges list, and {@code <|endoftext|>} at
 *       the config's eos id as a control token.
 * </ul>
 */
final class GgufVocab {
  // llama_token_type: 1 normal, 2 unknown, 3 control, 6 byte
  private static final int NORMAL = 1;
  private static final int UNKNOWN = 2;
  private static final int CONTROL = 3;
  private static final int BYTE = 6;
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private GgufVocab() {}

  static void llama(GgufWriter w, HfConfig c) {
    llama(w, c, false);
  }

  /**
   * @param phiControls also hold "</s>" and "&lt;|endoftext|&gt;" as control tokens: llama.cpp's vocabulary loader
   *     looks both up by text in a model whose general.name says phi3 (llama-vocab.cpp, per-token attributes)
   */
  static void llama(GgufWriter w, HfConfig c, boolean phiControls) {
    int n = c.vocabSize();
    int bos = c.integer("bos_token_id", 1);
    int eos = c.integer("eos_token_id", 2);
    if (bos >= n || eos >= n) {
      // a vocabulary shrunk below the config's special ids (a tiny test instance): they take the first ids instead
      bos = 1;
      eos = 2;
    }
    String[] tokens = new String[n];
    int[] types = new int[n];
    float[] scores = new float[n];
    int unk = firstFree(tokens, 0, bos, eos);
    set(tokens, types, unk, "<unk>", UNKNOWN);
    set(tokens, types, bos, "<s>", CONTROL);
    if (eos != bos) set(tokens, types, eos, "</s>", CONTROL);
    if (phiControls) {
      if (eos == bos) set(tokens, types, firstFree(tokens, 0, bos, eos, unk), "</s>", CONTROL);
      set(tokens, types, firstFree(tokens, 0, bos, eos, unk), "<|endoftext|>", CONTROL);
    }
    int next = 0;
    for (int b = 0; b < 256; b++) {
      next = firstFree(tokens, next);
      set(tokens, types, next, String.format("<0x%02X>", b), BYTE);
    }
    Pieces pieces = new Pieces("\u2581"); // SentencePiece's word-start mark
    for (int i = 0; i < n; i++) {
      if (tokens[i] == null) {
        set(tokens, types, i, pieces.next(), NORMAL);
        scores[i] = -i; // lower ids merge first, as in a trained SentencePiece model
      }
    }
    w.put("tokenizer.ggml.model", GgufValue.string("llama"));
    w.put("tokenizer.ggml.tokens", GgufValue.strings(Arrays.asList(tokens)));
    w.put("tokenizer.ggml.scores", GgufValue.f32s(scores));
    w.put("tokenizer.ggml.token_type", GgufValue.i32s(types));
    w.put("tokenizer.ggml.bos_token_id", GgufValue.u32(bos));
    w.put("tokenizer.ggml.eos_token_id", GgufValue.u32(eos));
    w.put("tokenizer.ggml.unknown_token_id", GgufValue.u32(unk));
    w.put("tokenizer.ggml.add_bos_token", GgufValue.bool(false));
  }

  static void gpt2(GgufWriter w, HfConfig c) {
    int n = c.vocabSize();
    int eos = Math.min(c.integer("eos_token_id", n - 1), n - 1);
    String[] tokens = new String[n];
    int[] types = new int[n];
    set(tokens, types, eos, "<|endoftext|>", CONTROL);
    String[] byteChars = byteToUnicode();
    int next = 0;
    for (int b = 0; b < 256; b++) {
      next = firstFree(tokens, next);
      set(tokens, types, next, byteChars[b], NORMAL);
    }
    Pieces pieces = new Pieces("");
    for (int i = 0; i < n; i++) {
      if (tokens[i] == null) {
        String p = pieces.next();
        while (p.length() < 2) p = pieces.next(); // single letters are byte tokens already
        set(tokens, types, i, p, NORMAL);
      }
    }
    // a few merges of letters that exist: the loader requires the list, ranks are not used with id prompts
    List<String> merges = List.of("a b", "c d", "e f");
    w.put("tokenizer.ggml.model", GgufValue.string("gpt2"));
    w.put("tokenizer.ggml.tokens", GgufValue.strings(Arrays.asList(tokens)));
    w.put("tokenizer.ggml.token_type", GgufValue.i32s(types));
    w.put("tokenizer.ggml.merges", GgufValue.strings(merges));
    w.put("tokenizer.ggml.bos_token_id", GgufValue.u32(c.integer("bos_token_id", eos)));
    w.put("tokenizer.ggml.eos_token_id", GgufValue.u32(eos));
  }

  /**
   * GPT-2's byte-level alphabet: printable Latin-1 bytes stand for themselves, the others for code points from 256
   * on, so every byte has a visible character (the same table the GPT-2 tokenizer defines).
   */
  static String[] byteToUnicode() {
    String[] out = new String[256];
    int shift = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      out[b] = new String(Character.toChars(printable ? b : 256 + shift++));
    }
    return out;
  }

  private static void set(String[] tokens, int[] types, int id, String text, int type) {
    if (id < 0 || id >= tokens.length) {
      throw new IllegalArgumentException("token id " + id + ": outside the vocabulary of " + tokens.length);
    }
    tokens[id] = text;
    types[id] = type;
  }

  private static int firstFree(String[] tokens, int from, int... taken) {
    Set<Integer> t = new HashSet<>();
    for (int x : taken) t.add(x);
    int i = from;
    while (i < tokens.length && (tokens[i] != null || t.contains(i))) i++;
    if (i >= tokens.length) throw new IllegalArgumentException("vocab_size " + tokens.length + ": too small");
    return i;
  }

  /** Distinct pieces of growing length over letters and digits: "a", "b", ..., "aa", "ab", ... */
  private static final class Pieces {
    private final String prefix;
    private final List<Integer> digits = new ArrayList<>(List.of(-1));

    Pieces(String prefix) {
      this.prefix = prefix;
    }

    String next() {
      int i = 0;
      while (true) {
        if (i == digits.size()) {
          digits.add(0);
          break;
        }
        int d = digits.get(i) + 1;
        if (d < LETTERS.length()) {
          digits.set(i, d);
          break;
        }
        digits.set(i, 0);
        i++;
      }
      StringBuilder b = new StringBuilder(prefix);
      for (int k = digits.size() - 1; k >= 0; k--) b.append(LETTERS.charAt(digits.get(k)));
      return b.toString();
    }
  }
}
