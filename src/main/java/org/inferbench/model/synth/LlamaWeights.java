package org.inferbench.model.synth;

import java.util.LinkedHashMap;
import java.util.Map;
import org.inferbench.model.Architecture;
import org.inferbench.model.HfConfig;

/**
 * The weights of a llama-family model by their Hugging Face names, shapes ([out, in] for linear layers, as PyTorch
 * stores them) and seeded values. Every format writes these same values, so a model has the same weights on every
 * engine.
 *
 * <p>Hugging Face's init (normal, std initializer_range; norms one), except that the two projections that write
 * into the residual stream (o_proj, down_proj) are scaled by 1/√(2·layers), as GPT-2 does, and o_proj by 0.3 more:
 * random queries and keys attend almost uniformly, so the attention output is nearly the context's average, the same
 * from step to step; left at full size it outweighs the current token and greedy decoding repeats one token.
 */
public final class LlamaWeights {
  /** How one tensor is filled. */
  public record Tensor(String name, long[] shape, double std, boolean ones) {
    public long elements() {
      long n = 1;
      for (long d : shape) n *= d;
      return n;
    }

    /** Its values a row at a time (the last dimension is the row). */
    public SyntheticWeights.RowStream rows(long seed) {
      return SyntheticWeights.rows(seed, name, std);
    }
  }

  private LlamaWeights() {}

  /** Every tensor of the model, embedding first, then each layer, then the final norm and (untied) lm_head. */
  public static Map<String, Tensor> of(HfConfig c) {
    if (c.architecture() != Architecture.LLAMA) {
      throw new IllegalArgumentException("model_type " + c.architecture().modelType() + ": expected llama");
    }
    double std = c.number("initializer_range", 0.02);
    double residual = std / Math.sqrt(2.0 * c.layers());
    long h = c.hidden();
    long q = (long) c.heads() * c.headDim();
    long kv = (long) c.kvHeads() * c.headDim();
    long f = c.ffn();
    Map<String, Tensor> m = new LinkedHashMap<>();
    put(m, "model.embed_tokens.weight", std, c.vocabSize(), h);
    for (int i = 0; i < c.layers(); i++) {
      String p = "model.layers." + i + ".";
      ones(m, p + "input_layernorm.weight", h);
      put(m, p + "self_attn.q_proj.weight", std, q, h);
      put(m, p + "self_attn.k_proj.weight", std, kv, h);
      put(m, p + "self_attn.v_proj.weight", std, kv, h);
      put(m, p + "self_attn.o_proj.weight", 0.3 * residual, h, q);
      ones(m, p + "post_attention_layernorm.weight", h);
      put(m, p + "mlp.gate_proj.weight", std, f, h);
      put(m, p + "mlp.up_proj.weight", std, f, h);
      put(m, p + "mlp.down_proj.weight", residual, h, f);
    }
    ones(m, "model.norm.weight", h);
    if (!c.tiedEmbeddings()) put(m, "lm_head.weight", std, c.vocabSize(), h);
    return m;
  }

  /** A tensor's values in full (row-major), for tensors small enough to hold. */
  public static float[] values(Tensor t, long seed) {
    float[] v = new float[Math.toIntExact(t.elements())];
    if (t.ones()) {
      java.util.Arrays.fill(v, 1f);
      return v;
    }
    return SyntheticWeights.normal(seed, t.name(), v.length, t.std());
  }

  private static void put(Map<String, Tensor> m, String name, double std, long... shape) {
    m.put(name, new Tensor(name, shape, std, false));
  }

  private static void ones(Map<String, Tensor> m, String name, long n) {
    m.put(name, new Tensor(name, new long[] {n}, 0, true));
  }
}
