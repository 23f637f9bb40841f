package org.inferbench.model.gguf;

import org.inferbench.engine.TensorType;

/**
 * Which type each tensor takes in a file of a given type, as llama.cpp's quantizer decides it (src/llama-quant.cpp:
 * tensor_allows_quantization, llama_tensor_get_type_impl, tensor_type_fallback), for the tensors of the llama and
 * gpt2 architectures. The source a quantizer starts from is what convert_hf_to_gguf.py writes: every 2-D weight in
 * F16 (F32 for an F32 file), every 1-D tensor in F32.
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
   * @param role what the tensor is
   * @param rowLength ne[0]: block formats need it to be a multiple of their block size
   * @param layer the tensor's layer (attn_v, ffn_down), else 0
   * @param layers the model's layer count
   * @param tied whether token_embd doubles as the output (no output.weight)
   */
  static TensorType typeOf(GgufFileType file, Role role, long rowLength, int layer, int layers, boolean tied) {
    TensorType source = file == GgufFileType.F32 ? TensorType.F32 : TensorType.F16;
    // tensor_allows_quantization: only 2-D weights, never norms or position embeddings; 1-D tensors stay F32
    if (role == Role.VECTOR || role == Role.ROUTER) return TensorType.F32;
    if (role == Role.POSITION_EMBD) return source;
    TensorType type = file.defaultType();
    if (!file.quantized()) return type;
    type = mixture(file, role, type, rowLength, layer, layers, tied);
    return fallback(type, rowLength);
  }

  /** llama_tensor_get_type_impl, the branches that concern these file types and architectures. */
  private static TensorType mixture(GgufFileType file, Role role, TensorType type, long rowLength, int layer,
      int layers, boolean tied) {
    boolean kMixture = file == GgufFileType.Q4_K_M || file == GgufFileType.Q5_K_M;
    if (file == GgufFileType.MXFP4_MOE) {
      // the output (or tied embedding) and every other matrix Q8_0, the experts MXFP4
      boolean expert = role == Role.EXPERTS || role == Role.EXPERTS_DOWN;
      return expert && !(role == Role.OUTPUT || (tied && role == Role.TOKEN_EMBD)) ? TensorType.MXFP4
          : TensorType.Q8_0;
    }
    if (role == Role.OUTPUT || (tied && role == Role.TOKEN_EMBD)) {
      // the output matrix gets more bits: Q6_K where its rows fit K-blocks, else Q8_0
      if (rowLength % type.blockSize() != 0) return TensorType.Q8_0;
      return type == TensorType.Q8_0 ? TensorType.Q8_0 : TensorType.Q6_K;
    }
    return switch (role) {
      case ATTN_V, FFN_DOWN, EXPERTS_DOWN -> kMixture && useMoreBits(layer, layers) ? TensorType.Q6_K : type;
      case ATTN_QKV -> file == GgufFileType.Q4_K_M ? TensorType.Q5_K
          : file == GgufFileType.Q5_K_M ? TensorType.Q6_K : type;
      default -> type;
    };
  }

  /** The first and last eighth of the layers, and every third one between, get more bits (use_more_bits). */
  static boolean useMoreBits(int layer, int layers) {
    return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
  }

  /** tensor_type_fallback: rows that are not a whole number of K-blocks take a 32-element type instead. */
  static TensorType fallback(TensorType type, long rowLength) {
    if (rowLength % type.blockSize() == 0) return type;
    TensorType f = switch (type) {
      case Q4_K -> TensorType.Q5_0;
      case Q5_K -> TensorType.Q5_1;
      case Q6_K -> TensorType.Q8_0;
      case Q2_K, Q3_K -> TensorType.Q4_0;
      default -> throw new IllegalArgumentException("no fallback for " + type);
    };
    return rowLength % f.blockSize() == 0 ? f : TensorType.F16;
  }
}
