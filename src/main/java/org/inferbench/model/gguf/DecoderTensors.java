package org.inferbench.model.gguf;

import java.util.Map;
import org.inferbench.core.ExpertDims;
import org.inferbench.model.Architecture;
import org.inferbench.model.DecoderTraits;
import org.inferbench.model.DecoderTraits.QkNorm;
import org.inferbench.model.HfConfig;
import org.inferbench.model.gguf.QuantRules.Role;
import org.inferbench.model.gguf.TensorPlan.Kind;

/**
 * The tensors of the Llama-like families after llama itself, with the names, shapes and presence rules of today's
 * llama.cpp (src/models/qwen2.cpp, qwen3.cpp, qwen3moe.cpp, gemma3.cpp, phi3.cpp, olmoe.cpp, openai-moe.cpp
 * load_arch_tensors; names from src/llama-arch.cpp). Every family here rotates with NEOX RoPE (llama_model_rope_type),
 * so q and k rows keep Hugging Face's order (no permutation). Experts are 3-D tensors [in, out, experts], written as
 * one stream of rows expert after expert.
 *
 * <p>Values: Hugging Face's init (normal, std initializer_range; norm weights one; a Gemma norm stores 1 + w and w
 * starts at zero, so one too), the projections writing into the residual stream scaled as {@code LlamaWeights}
 * explains; biases small (std/2 of the weights') so that the code paths that add them are exercised; sinks std 0.5.
 */
final class DecoderTensors {
  /** llama.cpp's architecture name and how the family fuses projections in its files. */
  record Layout(String arch, boolean fusedQkv, boolean fusedGateUp) {}

  private static final Map<Architecture, Layout> LAYOUTS = Map.of(
      Architecture.QWEN2, new Layout("qwen2", false, false),
      Architecture.QWEN3, new Layout("qwen3", false, false),
      Architecture.QWEN3_MOE, new Layout("qwen3moe", false, false),
      Architecture.GEMMA3, new Layout("gemma3", false, false),
      Architecture.PHI3, new Layout("phi3", true, true),
      Architecture.OLMOE, new Layout("olmoe", false, false),
      Architecture.GPT_OSS, new Layout("gpt-oss", false, false));

  private DecoderTensors() {}

  static boolean writes(Architecture a) {
    return LAYOUTS.containsKey(a);
  }

  static Layout layout(Architecture a) {
    Layout l = LAYOUTS.get(a);
    if (l == null) throw new IllegalArgumentException("model_type " + a.modelType() + ": not a GGUF decoder family");
    return l;
  }

  static TensorPlan plan(HfConfig c, GgufFileType file) {
    DecoderTraits t = c.architecture().decoderTraits().orElseThrow();
    Layout layout = layout(c.architecture());
    boolean seventyB = c.layers() == 80 && c.heads() != c.kvHeads(); // as TensorPlan sizes a llama
    TensorPlan.Builder b = new TensorPlan.Builder(file, new QuantRules.Model(c.layers(), c.tiedEmbeddings(), seventyB));
    double std = c.number("initializer_range", 0.02);
    double residual = std / Math.sqrt(2.0 * c.layers());
    double ones = Double.NaN;
    long h = c.hidden();
    long hd = c.headDim();
    long q = c.heads() * hd;
    long kv = c.kvHeads() * hd;
    long f = c.ffn();
    ExpertDims e = c.experts();
    b.seeded("token_embd.weight", Role.TOKEN_EMBD, Kind.EMBEDDING, "model.embed_tokens.weight", std, 0, h,
        c.vocabSize());
    for (int i = 0; i < c.layers(); i++) {
      String p = "blk." + i + ".";
      String hf = "model.layers." + i + ".";
      b.seeded(p + "attn_norm.weight", Role.VECTOR, Kind.NORM_BIAS, hf + "input_layernorm.weight", ones, i, h);
      if (layout.fusedQkv()) {
        // today's llama.cpp sorts attn_qkv with attn_v (category_is_attn_v) before its own Q4_K_M branch
        b.seeded(p + "attn_qkv.weight", Role.ATTN_V, Kind.MATMUL, hf + "self_attn.qkv_proj.weight", std, i, h,
            q + 2 * kv);
      } else {
        b.seeded(p + "attn_q.weight", Role.OTHER_MATRIX, Kind.MATMUL, hf + "self_attn.q_proj.weight", std, i, h, q);
        b.seeded(p + "attn_k.weight", Role.OTHER_MATRIX, Kind.MATMUL, hf + "self_attn.k_proj.weight", std, i, h, kv);
        b.seeded(p + "attn_v.weight", Role.ATTN_V, Kind.MATMUL, hf + "self_attn.v_proj.weight", std, i, h, kv);
      }
      if (t.qkvBias()) {
        for (String[] n : new String[][] {{"q", "" + q}, {"k", "" + kv}, {"v", "" + kv}}) {
          b.seeded(p + "attn_" + n[0] + ".bias", Role.VECTOR, Kind.NORM_BIAS, hf + "self_attn." + n[0] + "_proj.bias",
              std / 2, i, Long.parseLong(n[1]));
        }
      }
      if (t.qkNorm() != QkNorm.NONE) {
        boolean full = t.qkNorm() == QkNorm.FULL;
        b.seeded(p + "attn_q_norm.weight", Role.VECTOR, Kind.NORM_BIAS, hf + "self_attn.q_norm.weight", ones, i,
            full ? q : hd);
        b.seeded(p + "attn_k_norm.weight", Role.VECTOR, Kind.NORM_BIAS, hf + "self_attn.k_norm.weight", ones, i,
            full ? kv : hd);
      }
      b.seeded(p + "attn_output.weight", Role.OTHER_MATRIX, Kind.MATMUL, hf + "self_attn.o_proj.weight",
          0.3 * residual, i, q, h);
      if (t.sinks()) {
        b.seeded(p + "attn_output.bias", Role.VECTOR, Kind.NORM_BIAS, hf + "self_attn.o_proj.bias", std / 2, i, h);
        b.seeded(p + "attn_sinks.weight", Role.VECTOR, Kind.NORM_BIAS, hf + "self_attn.sinks", 0.5, i, c.heads());
      }
      if (t.sandwichNorms()) {
        b.seeded(p + "post_attention_norm.weight", Role.VECTOR, Kind.NORM_BIAS,
            hf + "post_attention_layernorm.weight", ones, i, h);
      }
      // gpt-oss's norm before the feed-forward block is llama.cpp's post_attention_norm; the others' ffn_norm
      String ffnNorm = t.sinks() ? "post_attention_norm" : "ffn_norm";
      String ffnNormHf = t.sandwichNorms() ? "pre_feedforward_layernorm" : "post_attention_layernorm";
      b.seeded(p + ffnNorm + ".weight", Role.VECTOR, Kind.NORM_BIAS, hf + ffnNormHf + ".weight", ones, i, h);
      if (e.present()) {
        experts(b, t, e, p, hf, std, residual, i, h);
      } else if (layout.fusedGateUp()) {
        b.seeded(p + "ffn_up.weight", Role.OTHER_MATRIX, Kind.MATMUL, hf + "mlp.gate_up_proj.weight", std, i, h, 2 * f);
        b.seeded(p + "ffn_down.weight", Role.FFN_DOWN, Kind.MATMUL, hf + "mlp.down_proj.weight", residual, i, f, h);
      } else {
        b.seeded(p + "ffn_gate.weight", Role.OTHER_MATRIX, Kind.MATMUL, hf + "mlp.gate_proj.weight", std, i, h, f);
        b.seeded(p + "ffn_up.weight", Role.OTHER_MATRIX, Kind.MATMUL, hf + "mlp.up_proj.weight", std, i, h, f);
        b.seeded(p + "ffn_down.weight", Role.FFN_DOWN, Kind.MATMUL, hf + "mlp.down_proj.weight", residual, i, f, h);
      }
      if (t.sandwichNorms()) {
        b.seeded(p + "post_ffw_norm.weight", Role.VECTOR, Kind.NORM_BIAS, hf + "post_feedforward_layernorm.weight",
            ones, i, h);
      }
    }
    b.seeded("output_norm.weight", Role.VECTOR, Kind.NORM_BIAS, "model.norm.weight", ones, 0, h);
    if (!c.tiedEmbeddings()) {
      b.seeded("output.weight", Role.OUTPUT, Kind.LM_HEAD, "lm_head.weight", std, 0, h, c.vocabSize());
    }
    return b.build();
  }

  /** Router (F32, never quantized) and the experts' gate, up and down matrices, [in, out, experts]. */
  private static void experts(TensorPlan.Builder b, DecoderTraits t, ExpertDims e, String p, String hf, double std,
      double residual, int i, long h) {
    long n = e.count();
    long fe = e.ffn();
    String router = t.sinks() ? "mlp.router" : "mlp.gate";
    b.seeded(p + "ffn_gate_inp.weight", Role.ROUTER, Kind.MATMUL, hf + router + ".weight", std, i, h, n);
    if (t.expertBiases()) {
      b.seeded(p + "ffn_gate_inp.bias", Role.VECTOR, Kind.NORM_BIAS, hf + router + ".bias", std / 2, i, n);
    }
    b.seeded(p + "ffn_gate_exps.weight", Role.EXPERTS, Kind.EXPERTS, hf + "mlp.experts.gate_proj", std, i, h, fe, n);
    b.seeded(p + "ffn_up_exps.weight", Role.EXPERTS, Kind.EXPERTS, hf + "mlp.experts.up_proj", std, i, h, fe, n);
    b.seeded(p + "ffn_down_exps.weight", Role.EXPERTS_DOWN, Kind.EXPERTS, hf + "mlp.experts.down_proj", residual, i,
        fe, h, n);
    if (t.expertBiases()) {
      b.seeded(p + "ffn_gate_exps.bias", Role.VECTOR, Kind.NORM_BIAS, hf + "mlp.experts.gate_proj_bias", std / 2, i,
          fe, n);
      b.seeded(p + "ffn_up_exps.bias", Role.VECTOR, Kind.NORM_BIAS, hf + "mlp.experts.up_proj_bias", std / 2, i, fe,
          n);
      b.seeded(p + "ffn_down_exps.bias", Role.VECTOR, Kind.NORM_BIAS, hf + "mlp.experts.down_proj_bias", std / 2, i,
          h, n);
    }
  }
}
