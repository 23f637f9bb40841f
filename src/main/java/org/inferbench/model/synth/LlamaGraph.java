package org.inferbench.model.synth;

import static org.inferbench.model.synth.GraphBuilder.FLOAT;
import static org.inferbench.model.synth.GraphBuilder.FLOAT16;

import java.util.LinkedHashMap;
import java.util.Map;
import org.inferbench.model.HfConfig;

/**
 * A llama-family decoder (Llama, TinyLlama, SmolLM2) with a key/value cache over its key-value heads, as Optimum's
 * text-generation-with-past export: RMSNorm computed in float32 (Pow, ReduceMean, Add, Sqrt, Div, Mul), rotary
 * embeddings from position_ids with rotate_half (Split, Neg, Concat), grouped-query attention by repeating each
 * key-value head (Unsqueeze, Expand, Reshape), SwiGLU (Sigmoid, Mul) and an lm_head tied to the embedding or not.
 * Its weights are {@link LlamaWeights}' values, so the GGUF file of the same preset and seed holds the same model.
 */
final class LlamaGraph extends DecoderOnlyGraph {
  private final Map<String, LlamaWeights.Tensor> weights;

  LlamaGraph(HfConfig config) {
    super(config);
    this.weights = LlamaWeights.of(config);
  }

  @Override
  public Map<String, String> body(GraphBuilder g, boolean withPast) {
    LlamaWeights.Tensor embedding = weights.get("model.embed_tokens.weight");
    String embed = g.weight(embedding.name(), Init.normal(embedding.std()), embedding.shape());
    String x = g.op("Gather", embed, "input_ids").attr("axis", 0L).out();
    String bias = g.causalBias("input_ids", "attention_mask");
    String[] rotary = rotary(g);

    Map<String, String> outs = new LinkedHashMap<>();
    for (int i = 0; i < c.layers(); i++) {
      String p = "model.layers." + i + ".";
      String a = rmsNorm(g, x, p + "input_layernorm.weight");
      String q = rope(g, g.splitHeads(linear(g, a, p + "self_attn.q_proj.weight"), heads, headDim), rotary);
      String k = rope(g, g.splitHeads(linear(g, a, p + "self_attn.k_proj.weight"), kvHeads, headDim), rotary);
      String v = g.splitHeads(linear(g, a, p + "self_attn.v_proj.weight"), kvHeads, headDim);
      if (withPast) {
        k = g.op("Concat", "past_key_values." + i + ".key", k).attr("axis", 2L).out();
        v = g.op("Concat", "past_key_values." + i + ".value", v).attr("axis", 2L).out();
      }
      outs.put("present." + i + ".key", k);
      outs.put("present." + i + ".value", v);
      String ctx = g.attention(q, repeatKv(g, k), repeatKv(g, v), (float) (1 / Math.sqrt(headDim)), bias);
      x = g.apply("Add", x, linear(g, g.mergeHeads(ctx, heads, headDim), p + "self_attn.o_proj.weight"));
      String m = rmsNorm(g, x, p + "post_attention_layernorm.weight");
      String gate = linear(g, m, p + "mlp.gate_proj.weight");
      String silu = g.apply("Mul", gate, g.apply("Sigmoid", gate));
      String inner = g.apply("Mul", silu, linear(g, m, p + "mlp.up_proj.weight"));
      x = g.apply("Add", x, linear(g, inner, p + "mlp.down_proj.weight"));
    }
    x = rmsNorm(g, x, "model.norm.weight");
    // a tied lm_head is the embedding read through a Transpose (one initializer, as the exporter keeps tied weights)
    outs.put("logits", c.tiedEmbeddings() ? g.apply("MatMul", x, g.transpose(embed, 1, 0))
        : linear(g, x, "lm_head.weight"));
    return outs;
  }

  /** nn.Linear without bias, its [out, in] weight stored [in, out]. */
  private String linear(GraphBuilder g, String x, String name) {
    LlamaWeights.Tensor t = weights.get(name);
    int out = Math.toIntExact(t.shape()[0]);
    int in = Math.toIntExact(t.shape()[1]);
    return g.linear(x, name, new Init.TransposedNormal(t.std(), out, in), in, out, null);
  }

  /**
   * Hugging Face's LlamaRMSNorm: the mean square in float32 whatever the model's dtype, the result cast back and
   * scaled by the weight.
   */
  private String rmsNorm(GraphBuilder g, String x, String weight) {
    boolean half = g.elemType == FLOAT16;
    String xf = half ? g.cast(x, FLOAT) : x;
    String meanSquare = g.op("ReduceMean", g.apply("Pow", xf, f32(g, 2f))).attr("axes", new long[] {-1})
        .attr("keepdims", 1L).out();
    String inv = g.apply("Div", f32(g, 1f), g.apply("Sqrt", g.apply("Add", meanSquare, f32(g, (float) c.eps()))));
    String normed = g.apply("Mul", xf, inv);
    if (half) normed = g.cast(normed, FLOAT16);
    return g.apply("Mul", g.weight(weight, Init.ONES, h), normed);
  }

  private static String f32(GraphBuilder g, float v) {
    return g.store.floatConst(FLOAT, new long[0], v);
  }

  /**
   * cos and sin of position × inv_freq, [batch, 1, seq, head_dim], computed in float32 from position_ids as
   * LlamaRotaryEmbedding does (the frequencies repeated for the two halves); llama3 scaling divides inv_freq.
   */
  private String[] rotary(GraphBuilder g) {
    float[] factors = RopeFactors.of(c);
    float[] invFreq = new float[headDim / 2];
    for (int i = 0; i < invFreq.length; i++) {
      invFreq[i] = (float) (1 / Math.pow(c.ropeTheta(), 2.0 * i / headDim) / factors[i]);
    }
    String inv = g.store.floatConst(FLOAT, new long[] {invFreq.length}, invFreq);
    String freqs = g.apply("Mul", g.unsqueeze(g.cast("position_ids", FLOAT), 2), inv);
    String angles = g.op("Concat", freqs, freqs).attr("axis", -1L).out();
    String cos = g.apply("Cos", angles);
    String sin = g.apply("Sin", angles);
    if (g.elemType == FLOAT16) {
      cos = g.cast(cos, FLOAT16);
      sin = g.cast(sin, FLOAT16);
    }
    return new String[] {g.unsqueeze(cos, 1), g.unsqueeze(sin, 1)};
  }

  /** x·cos + rotate_half(x)·sin, where rotate_half(x) = concat(−second half, first half). */
  private String rope(GraphBuilder g, String x, String[] rotary) {
    String[] halves = g.op("Split", x, g.i64(headDim / 2, headDim / 2)).attr("axis", -1L).outs(2);
    String rotated = g.op("Concat", g.apply("Neg", halves[1]), halves[0]).attr("axis", -1L).out();
    return g.apply("Add", g.apply("Mul", x, rotary[0]), g.apply("Mul", rotated, rotary[1]));
  }

  /** Hugging Face's repeat_kv: each key-value head serves heads / kv_heads query heads. */
  private String repeatKv(GraphBuilder g, String x) {
    if (kvHeads == heads) return x;
    String expanded = g.apply("Expand", g.unsqueeze(x, 2), g.i64(1, 1, heads / kvHeads, 1, 1));
    return g.reshape(expanded, 0, heads, -1, headDim);
  }
}
