package org.inferbench.model.gguf;

import java.util.ArrayList;
import java.util.List;
import org.inferbench.core.TensorType;
import org.inferbench.model.Architecture;
import org.inferbench.model.HfConfig;
import org.inferbench.model.gguf.QuantRules.Role;

/**
 * The tensors a GGUF file of a model holds, in file order, with llama.cpp's names, dims (ne[0] first: the row
 * length) and the type each takes in a file of the given type. The writer fills them and the facts count them, so
 * the bytes a decode step reads are those of the file.
 */
record TensorPlan(List<Entry> tensors) {
  /**
   * @param kind how the harness counts it (projection, lm_head, embedding, norm or bias)
   * @param hfName the Hugging Face weight it is written from, or null when computed (rope_freqs)
   * @param std the standard deviation of its seeded values (NaN: all ones, as norm weights start); the llama and
   *     gpt2 plans take theirs from their weight sets instead
   */
  record Entry(String name, long[] dims, TensorType type, Kind kind, String hfName, double std) {
    long elements() {
      long n = 1;
      for (long d : dims) n *= d;
      return n;
    }

    long bytes() {
      return type.bytes(elements());
    }
  }

  /** The kinds of weights that {@link org.inferbench.core.WeightBytes} tells apart. */
  enum Kind { MATMUL, LM_HEAD, EMBEDDING, NORM_BIAS, CONSTANT, EXPERTS }

  static TensorPlan of(HfConfig c, GgufFileType file) {
    return switch (c.architecture()) {
      case LLAMA -> llama(c, file);
      case GPT2 -> gpt2(c, file);
      default -> {
        if (!DecoderTensors.writes(c.architecture())) {
          throw new IllegalArgumentException("model_type " + c.architecture().modelType()
              + ": GGUF is written for decoders only");
        }
        yield DecoderTensors.plan(c, file);
      }
    };
  }

  /** llama.cpp's llama tensors (llama-arch.cpp LLM_ARCH_LLAMA), from convert_hf_to_gguf.py's mapping. */
  private static TensorPlan llama(HfConfig c, GgufFileType file) {
    // llama.cpp sizes an 80-layer llama with grouped KV heads as a 70B (src/models/llama.cpp); its rules single it out
    boolean seventyB = c.layers() == 80 && c.heads() != c.kvHeads();
    Builder b = new Builder(file, new QuantRules.Model(c.layers(), c.tiedEmbeddings(), seventyB));
    long h = c.hidden();
    long q = (long) c.heads() * c.headDim();
    long kv = (long) c.kvHeads() * c.headDim();
    long f = c.ffn();
    b.add("token_embd.weight", Role.TOKEN_EMBD, Kind.EMBEDDING, "model.embed_tokens.weight", 0, h, c.vocabSize());
    if (c.ropeScaling() != null) {
      b.constant("rope_freqs.weight", c.headDim() / 2);
    }
    for (int i = 0; i < c.layers(); i++) {
      String p = "blk." + i + ".";
      String hf = "model.layers." + i + ".";
      b.add(p + "attn_norm.weight", Role.VECTOR, Kind.NORM_BIAS, hf + "input_layernorm.weight", i, h);
      b.add(p + "attn_q.weight", Role.OTHER_MATRIX, Kind.MATMUL, hf + "self_attn.q_proj.weight", i, h, q);
      b.add(p + "attn_k.weight", Role.OTHER_MATRIX, Kind.MATMUL, hf + "self_attn.k_proj.weight", i, h, kv);
      b.add(p + "attn_v.weight", Role.ATTN_V, Kind.MATMUL, hf + "self_attn.v_proj.weight", i, h, kv);
      b.add(p + "attn_output.weight", Role.OTHER_MATRIX, Kind.MATMUL, hf + "self_attn.o_proj.weight", i, q, h);
      b.add(p + "ffn_norm.weight", Role.VECTOR, Kind.NORM_BIAS, hf + "post_attention_layernorm.weight", i, h);
      b.add(p + "ffn_gate.weight", Role.OTHER_MATRIX, Kind.MATMUL, hf + "mlp.gate_proj.weight", i, h, f);
      b.add(p + "ffn_up.weight", Role.OTHER_MATRIX, Kind.MATMUL, hf + "mlp.up_proj.weight", i, h, f);
      b.add(p + "ffn_down.weight", Role.FFN_DOWN, Kind.MATMUL, hf + "mlp.down_proj.weight", i, f, h);
    }
    b.add("output_norm.weight", Role.VECTOR, Kind.NORM_BIAS, "model.norm.weight", 0, h);
    if (!c.tiedEmbeddings()) {
      b.add("output.weight", Role.OUTPUT, Kind.LM_HEAD, "lm_head.weight", 0, h, c.vocabSize());
    }
    return new TensorPlan(b.entries);
  }

  /**
   * llama.cpp's gpt2 tensors (LLM_ARCH_GPT2). Its loader requires output.weight (no tied fallback), so the tied
   * embedding is written twice, as the converter does; Conv1D weights are stored [in, out] and are transposed.
   */
  private static TensorPlan gpt2(HfConfig c, GgufFileType file) {
    // two copies of the embedding: llama.cpp's quantizer then treats output as the output and token_embd as untied
    Builder b = new Builder(file, new QuantRules.Model(c.layers(), false, false));
    long h = c.hidden();
    long f = c.ffn();
    b.add("token_embd.weight", Role.TOKEN_EMBD, Kind.EMBEDDING, "transformer.wte.weight", 0, h, c.vocabSize());
    b.add("position_embd.weight", Role.POSITION_EMBD, Kind.EMBEDDING, "transformer.wpe.weight", 0, h,
        c.maxPositions());
    for (int i = 0; i < c.layers(); i++) {
      String p = "blk." + i + ".";
      String hf = "transformer.h." + i + ".";
      b.add(p + "attn_norm.weight", Role.VECTOR, Kind.NORM_BIAS, hf + "ln_1.weight", i, h);
      b.add(p + "attn_norm.bias", Role.VECTOR, Kind.NORM_BIAS, hf + "ln_1.bias", i, h);
      b.add(p + "attn_qkv.weight", Role.ATTN_QKV, Kind.MATMUL, hf + "attn.c_attn.weight", i, h, 3 * h);
      b.add(p + "attn_qkv.bias", Role.VECTOR, Kind.NORM_BIAS, hf + "attn.c_attn.bias", i, 3 * h);
      b.add(p + "attn_output.weight", Role.OTHER_MATRIX, Kind.MATMUL, hf + "attn.c_proj.weight", i, h, h);
      b.add(p + "attn_output.bias", Role.VECTOR, Kind.NORM_BIAS, hf + "attn.c_proj.bias", i, h);
      b.add(p + "ffn_norm.weight", Role.VECTOR, Kind.NORM_BIAS, hf + "ln_2.weight", i, h);
      b.add(p + "ffn_norm.bias", Role.VECTOR, Kind.NORM_BIAS, hf + "ln_2.bias", i, h);
      b.add(p + "ffn_up.weight", Role.OTHER_MATRIX, Kind.MATMUL, hf + "mlp.c_fc.weight", i, h, f);
      b.add(p + "ffn_up.bias", Role.VECTOR, Kind.NORM_BIAS, hf + "mlp.c_fc.bias", i, f);
      b.add(p + "ffn_down.weight", Role.FFN_DOWN, Kind.MATMUL, hf + "mlp.c_proj.weight", i, f, h);
      b.add(p + "ffn_down.bias", Role.VECTOR, Kind.NORM_BIAS, hf + "mlp.c_proj.bias", i, h);
    }
    b.add("output_norm.weight", Role.VECTOR, Kind.NORM_BIAS, "transformer.ln_f.weight", 0, h);
    b.add("output_norm.bias", Role.VECTOR, Kind.NORM_BIAS, "transformer.ln_f.bias", 0, h);
    b.add("output.weight", Role.OUTPUT, Kind.LM_HEAD, "transformer.wte.weight", 0, h, c.vocabSize());
    return new TensorPlan(b.entries);
  }

  /** Bytes of every tensor of a kind, and their elements. */
  long[] totals(Kind kind) {
    long bytes = 0;
    long elements = 0;
    for (Entry e : tensors) {
      if (e.kind() == kind) {
        bytes += e.bytes();
        elements += e.elements();
      }
    }
    return new long[] {bytes, elements};
  }

  Entry get(String name) {
    for (Entry e : tensors) if (e.name().equals(name)) return e;
    return null;
  }

  static final class Builder {
    private final GgufFileType file;
    private final QuantRules.Model model;
    private final List<Entry> entries = new ArrayList<>();

    Builder(GgufFileType file, QuantRules.Model model) {
      this.file = file;
      this.model = model;
    }

    void add(String name, Role role, Kind kind, String hfName, int layer, long... dims) {
      seeded(name, role, kind, hfName, 0, layer, dims);
    }

    /** A tensor of seeded values with the given standard deviation (NaN: ones). */
    void seeded(String name, Role role, Kind kind, String hfName, double std, int layer, long... dims) {
      TensorType type = QuantRules.typeOf(file, role, dims[0], layer, model);
      entries.add(new Entry(name, dims, type, kind, hfName, std));
    }

    void constant(String name, long n) {
      entries.add(new Entry(name, new long[] {n}, TensorType.F32, Kind.CONSTANT, null, 0));
    }

    TensorPlan build() {
      return new TensorPlan(List.copyOf(entries));
    }
  }

  static boolean writes(Architecture a) {
    return a == Architecture.LLAMA || a == Architecture.GPT2 || DecoderTensors.writes(a);
  }
}
