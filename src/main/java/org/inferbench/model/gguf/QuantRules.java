package org.inferbench.model.gguf;

import org.inferbench.core.TensorType;

/**
 * Which type each tensor takes in a file of a given type, as llama-quantize decides it (src/llama-quant.cpp:
 * tensor_allows_quantization, llama_tensor_get_type_impl, tensor_type_fallback), for the tensors of the llama and
 * gpt2 architectures. Every file is what llama-quantize makes of the F32 file (no importance matrix), F16 included:
 * the tensors it does not quantize (1-D ones, position embeddings) keep F32.
 */
final class QuantRules {
  private QuantRules() {}

  /** Where a tensor sits in the model, as the rules tell tensors apart. */
  enum Role {
    TOKEN_EMBD, POSITION_EMBD, OUTPUT, ATTN_V, FFN_DOWN, ATTN_QKV, OTHER_MATRIX, VECTOR,
    /** A mixture of experts' router (ffn_gate_inp): the converter writes it F32 and the quantizer never touches it. */
    ROUTER,
    /** The experts' gate and up matrices (3-D, one slice per expert). */
    EXPERTS,
    /** The experts' down matrices: the ffn_down rule, by layer. */
    EXPERTS_DOWN
  }

  /**
   * What the rules read of the model besides the tensor.
   *
   * @param layers the layer count
   * @param tied whether token_embd doubles as the output (no output.weight)
   * @param seventyB whether llama.cpp sizes the model as a 70B (llama: 80 layers with grouped KV heads), whose small
   *     attn_v gets more bits
   */
  record Model(int layers, boolean tied, boolean seventyB) {}

  /**
   * @param role what the tensor is
   * @param rowLength ne[0]: block formats need it to be a multiple of their block size
   * @param layer the tensor's layer (attn_v, attn_qkv, ffn_down: llama-quantize counts them in file order, which is
   *     layer order here), else 0
   */
  static TensorType typeOf(GgufFileType file, Role role, long rowLength, int layer, Model m) {
    // tensor_allows_quantization: only 2-D weights, never norms, routers or position embeddings; they keep the F32
    // source's type
    if (role == Role.VECTOR || role == Role.ROUTER) return TensorType.F32;
    if (role == Role.POSITION_EMBD) return TensorType.F32;
    TensorType type = file.defaultType();
    if (!file.quantized()) return type;
    type = mixture(file, role, type, rowLength, layer, m);
    return fallback(type, rowLength);
  }

  /** llama_tensor_get_type_impl, the branches that concern these file types and architectures. */
  private static TensorType mixture(GgufFileType file, Role role, TensorType type, long rowLength, int layer,
      Model m) {
    if (file == GgufFileType.MXFP4_MOE) {
      // the output (or tied embedding) and every other matrix Q8_0, the experts MXFP4
      boolean expert = role == Role.EXPERTS || role == Role.EXPERTS_DOWN;
      return expert ? TensorType.MXFP4 : TensorType.Q8_0;
    }
    if (role == Role.OUTPUT || (m.tied() && role == Role.TOKEN_EMBD)) {
      // the output matrix gets more bits: Q6_K where its rows fit the default type's blocks, else Q8_0
      if (rowLength % type.blockSize() != 0) return TensorType.Q8_0;
      return type == TensorType.Q8_0 ? TensorType.Q8_0 : TensorType.Q6_K;
    }
    boolean more = useMoreBits(layer, m.layers());
    return switch (role) {
      // attn_qkv is one of the attn_v-like tensors (category_is_attn_v), so it follows attn_v's rules
      case ATTN_V, ATTN_QKV -> {
        TensorType t = type;
        if ((file == GgufFileType.Q4_K_M || file == GgufFileType.Q5_K_M) && more) t = TensorType.Q6_K;
        yield m.seventyB() && t == TensorType.Q4_K ? TensorType.Q5_K : t;
      }
      // the experts' down matrices are ffn_down tensors to llama-quantize's name match
      case FFN_DOWN, EXPERTS_DOWN ->
          (file == GgufFileType.Q4_K_M || file == GgufFileType.Q5_K_M) && more ? TensorType.Q6_K : type;
      default -> type;
    };
  }

  /** The first and last eighth of the layers, and every third one between, get more bits (use_more_bits). */
  static boolean useMoreBits(int layer, int layers) {
    return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
  }

  /**
   * tensor_type_fallback: rows that are not a whole number of K-blocks take a 32-element type instead, and rows that
   * do not fit that either (or a 32-element type to begin with) F16.
   */
  static TensorType fallback(TensorType type, long rowLength) {
    if (rowLength % type.blockSize() == 0) return type;
    TensorType f = switch (type) {
      case Q4_K -> TensorType.Q5_0;
      case Q5_K -> TensorType.Q5_1;
      case Q6_K -> TensorType.Q8_0;
      case Q2_K, Q3_K -> TensorType.Q4_0;
      default -> {
        if (type.blockSize() > 32) throw new IllegalArgumentException("no fallback for " + type);
        yield type;
      }
    };
    return rowLength % f.blockSize() == 0 ? f : TensorType.F16;
  }
}
