package org.inferbench.model.synth;

import java.util.LinkedHashMap;
import java.util.Map;
import org.inferbench.model.HfConfig;

/**
 * GPT-2 with a key/value cache, as Optimum's text-generation-with-past export: token + learned position embeddings,
 * pre-norm blocks with fused c_attn (Conv1D weights are already [in, out]), gelu_new, and an lm_head tied to wte.
 */
final class Gpt2Graph extends DecoderOnlyGraph {
  Gpt2Graph(HfConfig config) {
    super(config);
  }

  @Override
  public Map<String, String> body(GraphBuilder g, boolean withPast) {
    String wte = g.weight("transformer.wte.weight", Init.normal(0.02), c.vocabSize(), h);
    String wpe = g.weight("transformer.wpe.weight", Init.normal(0.02), c.maxPositions(), h);
    String x = g.apply("Add", g.op("Gather", wte, "input_ids").attr("axis", 0L).out(),
        g.op("Gather", wpe, "position_ids").attr("axis", 0L).out());

    String bias = g.causalBias("input_ids", "attention_mask");

    // Hugging Face's init, except where it makes greedy decoding degenerate (one token repeated), which tests of the
    // decode path need to avoid; latency does not depend on weight values. GELU outputs have a positive mean, which
    // a plain random mlp.c_proj turns into the same vector at every position and step, so its columns are centred;
    // the attention output is scaled down because it averages the context, which changes little from step to step.
    double projStd = 0.02 / Math.sqrt(2.0 * c.layers());
    Init mlpProj = new Init.CenteredNormal(projStd, Math.toIntExact(h));
    Init attnProj = Init.normal(0.3 * projStd);
    Map<String, String> outs = new LinkedHashMap<>();
    for (int i = 0; i < c.layers(); i++) {
      String p = "transformer.h." + i + ".";
      String a = g.layerNorm(x, g.weight(p + "ln_1.weight", Init.ONES, h), g.weight(p + "ln_1.bias", Init.ZEROS, h),
          c.eps());
      String qkv = g.linear(a, p + "attn.c_attn.weight", Init.normal(0.02), h, 3 * h, p + "attn.c_attn.bias");
      String[] parts = g.op("Split", qkv, g.i64(h, h, h)).attr("axis", 2L).outs(3);
      String q = g.splitHeads(parts[0], heads, headDim);
      String k = g.splitHeads(parts[1], heads, headDim);
      String v = g.splitHeads(parts[2], heads, headDim);
      if (withPast) {
        k = g.op("Concat", "past_key_values." + i + ".key", k).attr("axis", 2L).out();
        v = g.op("Concat", "past_key_values." + i + ".value", v).attr("axis", 2L).out();
      }
      outs.put("present." + i + ".key", k);
      outs.put("present." + i + ".value", v);
      String ctx = g.mergeHeads(g.attention(q, k, v, (float) (1 / Math.sqrt(headDim)), bias), heads, headDim);
      x = g.apply("Add", x, g.linear(ctx, p + "attn.c_proj.weight", attnProj, h, h,
          p + "attn.c_proj.bias"));
      String m = g.layerNorm(x, g.weight(p + "ln_2.weight", Init.ONES, h), g.weight(p + "ln_2.bias", Init.ZEROS, h),
          c.eps());
      m = g.geluTanh(g.linear(m, p + "mlp.c_fc.weight", Init.normal(0.02), h, c.ffn(), p + "mlp.c_fc.bias"));
      x = g.apply("Add", x, g.linear(m, p + "mlp.c_proj.weight", mlpProj, c.ffn(), h,
          p + "mlp.c_proj.bias"));
    }
    x = g.layerNorm(x, g.weight("transformer.ln_f.weight", Init.ONES, h),
        g.weight("transformer.ln_f.bias", Init.ZEROS, h), c.eps());
    // the lm_head is wte itself, read through a Transpose (one initializer, as the exporter keeps tied weights)
    outs.put("logits", g.apply("MatMul", x, g.transpose(wte, 1, 0)));
    return outs;
  }
}
