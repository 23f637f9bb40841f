package org.inferbench.engine.llamacpp;

import org.inferbench.engine.BadInputException;
import org.inferbench.engine.ModelShape;
import org.inferbench.engine.TransformerDims;
import org.inferbench.model.gguf.GgufFile;
import org.inferbench.model.gguf.GgufValue;

/**
 * A GGUF file's transformer dimensions, read from its metadata the way llama.cpp b4916 reads them
 * (src/llama-model.cpp load_hparams, src/llama-arch.cpp key names): counts are u32 under the architecture's prefix,
 * key/value heads default to the query heads, head width to embedding / heads; the vocabulary is the tokenizer's
 * token list; lm_head is tied when the file has no output.weight.
 */
final class GgufDims {
  private GgufDims() {}

  static TransformerDims of(GgufFile f) throws BadInputException {
    String arch = f.architecture();
    int layers = count(f, arch + ".block_count");
    int hidden = count(f, arch + ".embedding_length");
    int heads = count(f, arch + ".attention.head_count");
    int kvHeads = f.get(arch + ".attention.head_count_kv").isPresent() ? count(f, arch + ".attention.head_count_kv")
        : heads;
    int headDim = f.get(arch + ".attention.key_length").isPresent() ? count(f, arch + ".attention.key_length")
        : hidden / heads;
    int ffn = count(f, arch + ".feed_forward_length");
    int vocab = vocabulary(f);
    boolean tied = f.tensor("output.weight").isEmpty();
    try {
      return switch (arch) {
        // RMSNorm, rotary positions, SwiGLU (gate, up, down), no biases (llm_build_llama)
        case "llama" -> new TransformerDims(layers, hidden, heads, kvHeads, headDim, ffn, vocab, 0, tied, 0,
            ModelShape.DECODER, true, false, false);
        // LayerNorm, learned positions (position_embd rows = context_length), biases everywhere (llm_build_gpt2)
        case "gpt2" -> new TransformerDims(layers, hidden, heads, kvHeads, headDim, ffn, vocab,
            count(f, arch + ".context_length"), tied, 0, ModelShape.DECODER, false, true, true);
        default -> throw new BadInputException(f.path() + ": architecture '" + arch + "': the llamacpp engine "
            + "describes llama and gpt2 GGUF files");
      };
    } catch (IllegalArgumentException e) {
      throw new BadInputException(f.path() + ": metadata: " + e.getMessage(), e);
    }
  }

  /** The training context (n_ctx_train): {arch}.context_length. */
  static int trainContext(GgufFile f) throws BadInputException {
    return count(f, f.architecture() + ".context_length");
  }

  static int vocabulary(GgufFile f) throws BadInputException {
    return f.getArray("tokenizer.ggml.tokens").size();
  }

  /**
   * A u32 count; llama.cpp also takes a per-layer array for head and feed-forward counts (get_key_or_arr), which
   * InferBench's dimensions hold only when every layer has the same value.
   */
  private static int count(GgufFile f, String key) throws BadInputException {
    if (f.get(key).orElse(null) instanceof GgufValue.Array a) {
      long[] v = a.longs();
      for (long x : v) {
        if (x != v[0]) {
          throw new BadInputException(f.path() + ": metadata " + key + ": differs between layers, which the "
              + "llamacpp engine's dimensions cannot hold");
        }
      }
      if (v.length == 0) throw new BadInputException(f.path() + ": metadata " + key + ": empty array");
      return Math.toIntExact(v[0]);
    }
    long v = f.getU32(key);
    if (v > Integer.MAX_VALUE) throw new BadInputException(f.path() + ": metadata " + key + ": " + v + " is too large");
    return (int) v;
  }
}
