package org.inferbench.engine.llamacpp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.inferbench.engine.BadInputException;
import org.inferbench.model.gguf.GgufFile;

/**
 * What a GGUF vocabulary's tokens print as, as far as the engine needs it: which ids are special (never put in a
 * random prompt) and which tokens llama-server would hold back.
 *
 * <p>llama-server streams one result per token, except that a token leaving the generated text with an incomplete
 * UTF-8 sequence at its end is held back and sent with the next (server.hpp process_token, utils.hpp validate_utf8),
 * and the binding's results carry no token ids or counts. Since the text so far is complete before every token, a
 * token is held back exactly when its own piece ends incomplete by validate_utf8's rule (a lead byte in its last
 * four bytes without enough bytes after it). Banning those ids from sampling makes every streamed result exactly one
 * token; what is banned changes only which ids are generated, not the work per step.
 */
final class Vocabulary {
  /** llama.h enum llama_token_type: 1 normal, 2 unknown, 3 control, 4 user defined, 5 unused, 6 byte. */
  private static final int UNKNOWN = 2;
  private static final int CONTROL = 3;
  private static final int UNUSED = 5;
  private static final int BYTE = 6;

  /** Metadata keys of end-of-generation ids (llama.cpp src/llama-arch.cpp LLM_KV_TOKENIZER_*_ID). */
  private static final List<String> END_KEYS = List.of("tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id",
      "tokenizer.ggml.eom_token_id");

  private final List<String> tokens;
  private final long[] types;
  private final String model;
  private final List<Long> endIds;

  private Vocabulary(List<String> tokens, long[] types, String model, List<Long> endIds) {
    this.tokens = tokens;
    this.types = types;
    this.model = model;
    this.endIds = endIds;
  }

  static Vocabulary of(GgufFile f) throws BadInputException {
    List<String> tokens = f.getStrings("tokenizer.ggml.tokens");
    long[] types = f.get("tokenizer.ggml.token_type").isPresent()
        ? f.getArray("tokenizer.ggml.token_type").longs() : new long[tokens.size()];
    if (types.length != tokens.size()) {
      throw new BadInputException(f.path() + ": metadata tokenizer.ggml.token_type: " + types.length
          + " entries for " + tokens.size() + " tokens");
    }
    List<Long> ends = new ArrayList<>();
    for (String key : END_KEYS) {
      if (f.get(key).isPresent()) ends.add(f.getU32(key));
    }
    return new Vocabulary(tokens, types, f.getString("tokenizer.ggml.model"), ends);
  }

  int size() {
    return tokens.size();
  }

  /** Unknown, control and unused tokens: ids a random prompt leaves out. */
  int[] specialIds() {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == UNKNOWN || types[i] == CONTROL || types[i] == UNUSED) ids.add(i);
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Ids that would end generation early: control tokens and the eos/eot/eom ids. ignore_eos biases only the eos id
   * (server.hpp launch_slot_with_task) while process_token stops at any end-of-generation token, so a request for
   * exactly N tokens bans them all.
   */
  int[] endIds() {
    java.util.TreeSet<Integer> ids = new java.util.TreeSet<>();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == CONTROL) ids.add(i);
    }
    for (long id : endIds) {
      if (id >= 0 && id < tokens.size()) ids.add((int) id);
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Ids whose piece ends in an incomplete UTF-8 sequence, so llama-server would hold them back. */
  int[] heldBackIds() {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      byte[] piece = piece(i);
      if (completeLength(piece) < piece.length) ids.add(i);
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The bytes llama.cpp prints for a token without special tokens (src/llama-vocab.cpp token_to_piece): nothing
   * for control tokens, the byte of a byte token {@code <0xXX>}, SentencePiece text with U+2581 as a space, or a
   * byte-level BPE token's bytes through GPT-2's byte-to-character table.
   */
  byte[] piece(int id) {
    String text = tokens.get(id);
    if (types[id] == CONTROL) return new byte[0];
    if (types[id] == BYTE && text.length() == 6 && text.startsWith("<0x") && text.endsWith(">")) {
      return new byte[] {(byte) Integer.parseInt(text.substring(3, 5), 16)};
    }
    if (model.equals("gpt2") && types[id] != 4) return ByteLevel.decode(text);
    return text.replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8);
  }

  /** llama-server's validate_utf8 (utils.hpp): the length up to a multi-byte sequence cut off at the end. */
  static int completeLength(byte[] text) {
    int len = text.length;
    for (int i = 1; i <= 4 && i <= len; i++) {
      int c = text[len - i] & 0xFF;
      if ((c & 0xE0) == 0xC0 && i < 2) return len - i;
      if ((c & 0xF0) == 0xE0 && i < 3) return len - i;
      if ((c & 0xF8) == 0xF0 && i < 4) return len - i;
    }
    return len;
  }

  /** GPT-2's byte-level alphabet (llama.cpp src/unicode.cpp unicode_byte_to_utf8_map), decoded. */
  static final class ByteLevel {
    private static final int[] BYTE_OF = new int[512];

    static {
      java.util.Arrays.fill(BYTE_OF, -1);
      int next = 256;
      for (int b = 0; b < 256; b++) {
        boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        BYTE_OF[printable ? b : next++] = b;
      }
    }

    private ByteLevel() {}

    /** A character outside the table prints as llama.cpp's "[UNK_BYTE_0x..]" marker: plain ASCII. */
    static byte[] decode(String text) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
      text.codePoints().forEach(cp -> {
        if (cp < BYTE_OF.length && BYTE_OF[cp] >= 0) out.write(BYTE_OF[cp]);
        else out.writeBytes("[UNK_BYTE]".getBytes(StandardCharsets.US_ASCII));
      });
      return out.toByteArray();
    }
  }
}
