package org.inferbench.engine.llamacpp;

import java.util.ArrayList;
import java.util.List;
import org.inferbench.core.BadInputException;
import org.inferbench.model.gguf.GgufFile;

/** A GGUF vocabulary as far as planning needs it: its size and which ids are special (never in a random prompt). */
final class Vocabulary {
  /** llama.h enum llama_token_type: 1 normal, 2 unknown, 3 control, 4 user defined, 5 unused, 6 byte. */
  private static final int UNKNOWN = 2;
  private static final int CONTROL = 3;
  private static final int UNUSED = 5;

  private final int size;
  private final long[] types;

  private Vocabulary(int size, long[] types) {
    this.size = size;
    this.types = types;
  }

  static Vocabulary of(GgufFile f) throws BadInputException {
    List<String> tokens = f.getStrings("tokenizer.ggml.tokens");
    long[] types = f.get("tokenizer.ggml.token_type").isPresent()
        ? f.getArray("tokenizer.ggml.token_type").longs() : new long[tokens.size()];
    if (types.length != tokens.size()) {
      throw new BadInputException(f.path() + ": metadata tokenizer.ggml.token_type: " + types.length
          + " entries for " + tokens.size() + " tokens");
    }
    return new Vocabulary(tokens.size(), types);
  }

  int size() {
    return size;
  }

  /** Unknown, control and unused tokens: ids a random prompt leaves out. */
  int[] specialIds() {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == UNKNOWN || types[i] == CONTROL || types[i] == UNUSED) ids.add(i);
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }
}
