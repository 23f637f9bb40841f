package org.inferbench.model.gguf;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.inferbench.core.BadInputException;
import org.inferbench.core.LogitPositions;
import org.inferbench.core.ModelFacts;
import org.inferbench.core.ModelShape;
import org.inferbench.core.TransformerDims;
import org.inferbench.core.WeightBytes;

/**
 * What a GGUF file says about its model, from its header alone (no tensor data is read): the transformer's
 * dimensions as llama.cpp b4916 reads them (src/llama-model.cpp load_hparams, src/llama-arch.cpp key names: counts
 * are u32 under the architecture's prefix, key/value heads default to the query heads, head width to embedding /
 * heads, the vocabulary is the tokenizer's token list, lm_head is tied when there is no output.weight), and the
 * bytes per weight of each kind of tensor at the types its tensors are really stored in: a Q4_K_M file keeps some at
 * Q6_K and falls back to legacy types where rows are not a multiple of 256 (src/llama-quant.cpp), so each kind holds
 * the element-weighted mean of its tensors. Kinds follow llama.cpp's tensor names: {@code blk.N.*} matrices are
 * projections, {@code output.weight} is lm_head (the token embedding when absent), {@code token_embd} and
 * {@code position_embd} are embeddings, every one-dimensional tensor is a norm or bias.
 */
public final class GgufFacts {
  private GgufFacts() {}

  /** The facts of the file's model with a KV cache of {@code kvBytesPerElement}; logits for the last position. */
  public static ModelFacts of(GgufFile f, double kvBytesPerElement) throws BadInputException {
    return new ModelFacts(dims(f), weightBytes(f), LogitPositions.LAST, kvBytesPerElement);
  }

  public static TransformerDims dims(GgufFile f) throws BadInputException {
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
        // the Llama-like families (qwen2, qwen3, qwen3moe, gemma3, phi3, olmoe, gpt-oss): experts when the file has
        // them, each expert expert_feed_forward_length wide (feed_forward_length when absent, as olmoe writes it)
        case "qwen2", "qwen3", "qwen3moe", "gemma3", "phi3", "olmoe", "gpt-oss" -> {
          TransformerDims d = new TransformerDims(layers, hidden, heads, kvHeads, headDim, ffn, vocab, 0, tied, 0,
              ModelShape.DECODER, true, false, false);
          if (f.get(arch + ".expert_count").isEmpty()) yield d;
          int expertFfn = f.get(arch + ".expert_feed_forward_length").isPresent()
              ? count(f, arch + ".expert_feed_forward_length") : ffn;
          yield d.withExperts(new org.inferbench.core.ExpertDims(count(f, arch + ".expert_count"),
              count(f, arch + ".expert_used_count"), expertFfn));
        }
        default -> throw new BadInputException(f.path() + ": architecture '" + arch + "': InferBench "
            + "describes gpt2, llama, qwen2, qwen3, qwen3moe, gemma3, phi3, olmoe and gpt-oss GGUF files");
      };
    } catch (IllegalArgumentException e) {
      throw new BadInputException(f.path() + ": metadata: " + e.getMessage(), e);
    }
  }

  /** The training context (n_ctx_train): {arch}.context_length. */
  public static int trainContext(GgufFile f) throws BadInputException {
    return count(f, f.architecture() + ".context_length");
  }

  public static int vocabulary(GgufFile f) throws BadInputException {
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
          throw new BadInputException(f.path() + ": metadata " + key + ": differs between layers, which "
              + "InferBench's dimensions cannot hold");
        }
      }
      if (v.length == 0) throw new BadInputException(f.path() + ": metadata " + key + ": empty array");
      return Math.toIntExact(v[0]);
    }
    long v = f.getU32(key);
    if (v > Integer.MAX_VALUE) throw new BadInputException(f.path() + ": metadata " + key + ": " + v + " is too large");
    return (int) v;
  }

  /** Running totals of one kind. */
  private static final class Kind {
    long bytes;
    long elements;
    final TreeSet<String> types = new TreeSet<>();

    void add(TensorInfo t) {
      bytes += t.byteSize();
      elements += t.elements();
      types.add(t.type().name());
    }

    double mean(String what, GgufFile f) throws BadInputException {
      if (elements == 0) throw new BadInputException(f.path() + ": no " + what + " tensors");
      return (double) bytes / elements;
    }
  }

  public static WeightBytes weightBytes(GgufFile f) throws BadInputException {
    Kind matmul = new Kind();
    Kind lmHead = new Kind();
    Kind embedding = new Kind();
    Kind small = new Kind();
    Kind experts = new Kind();
    for (TensorInfo t : f.tensors()) {
      String n = t.name();
      if (n.contains("_exps.weight")) {
        experts.add(t);
      } else if (t.dims().length == 1 || n.endsWith(".bias")) {
        small.add(t);
      } else if (n.equals("output.weight")) {
        lmHead.add(t);
      } else if (n.equals("token_embd.weight") || n.equals("position_embd.weight")) {
        embedding.add(t);
      } else if (n.startsWith("blk.")) {
        matmul.add(t);
      }
    }
    if (lmHead.elements == 0) {
      TensorInfo tied = f.tensor("token_embd.weight")
          .orElseThrow(() -> new BadInputException(f.path() + ": no token_embd.weight tensor"));
      lmHead.add(tied);
    }
    embedding.mean("embedding", f); // refuses a file without one
    double matmulMean = matmul.mean("blk.N matrix", f);
    return new WeightBytes(matmulMean, lmHead.mean("lm_head", f), gatheredRowBytes(f), small.mean("norm or bias", f),
        label(f, matmul, lmHead, embedding, experts), experts.elements > 0 ? experts.mean("expert", f) : matmulMean);
  }

  /**
   * Each decode step gathers one row of token_embd and (gpt2) one of position_embd, rows of equal width: the plain
   * mean of their types, not a mean weighted by the tables' sizes.
   */
  private static double gatheredRowBytes(GgufFile f) {
    double sum = 0;
    int n = 0;
    for (String name : new String[] {"token_embd.weight", "position_embd.weight"}) {
      var t = f.tensor(name);
      if (t.isPresent()) {
        sum += (double) t.get().byteSize() / t.get().elements();
        n++;
      }
    }
    return sum / n;
  }

  /** "F16", or the file type with the matrix types it holds: "Q4_K_M (Q4_K, Q6_K)". */
  private static String label(GgufFile f, Kind... matrices) {
    TreeSet<String> types = new TreeSet<>();
    for (Kind k : matrices) types.addAll(k.types);
    Optional<String> fileType = f.fileType();
    if (fileType.isPresent() && types.equals(new TreeSet<>(java.util.Set.of(fileType.get())))) return fileType.get();
    return fileType.orElse("GGUF") + " (" + String.join(", ", types) + ")";
  }

  /** Tensors, elements and bytes per stored type, for the record's details ("Q4_K": "98 tensors, 4.2e8 weights"). */
  public static Map<String, String> histogram(GgufFile f) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    f.typeHistogram().forEach((t, v) -> m.put(t.name(), v.tensors() + " tensors, " + v.elements()
        + " elements, " + v.bytes() + " bytes"));
    return m;
  }
}
