package org.inferbench.model.synth;

import static org.inferbench.model.synth.GraphBuilder.INT64;

import org.inferbench.model.HfConfig;

/**
 * BERT as Optimum's feature-extraction export: word + position + token-type embeddings, post-norm blocks with
 * separate query/key/value projections, erf GELU, output last_hidden_state (the pooler is not in the graph).
 */
final class BertGraph implements EncoderGraph {
  private final HfConfig c;
  private final long h;

  BertGraph(HfConfig config) {
    this.c = config;
    this.h = config.hidden();
  }

  @Override
  public int hidden() {
    return c.hidden();
  }

  @Override
  public void inputs(GraphBuilder g) {
    g.input("input_ids", INT64, "batch_size", "sequence_length");
    g.input("attention_mask", INT64, "batch_size", "sequence_length");
    g.input("token_type_ids", INT64, "batch_size", "sequence_length");
  }

  @Override
  public String body(GraphBuilder g) {
    String we = g.weight("embeddings.word_embeddings.weight", Init.normal(0.02), c.vocabSize(), h);
    String pe = g.weight("embeddings.position_embeddings.weight", Init.normal(0.02), c.maxPositions(), h);
    String te = g.weight("embeddings.token_type_embeddings.weight", Init.normal(0.02), c.typeVocabSize(), h);
    String pos = g.range(g.i64Scalar(0), g.dim("input_ids", 1));
    String x = g.apply("Add", g.op("Gather", we, "input_ids").attr("axis", 0L).out(),
        g.op("Gather", te, "token_type_ids").attr("axis", 0L).out());
    x = g.apply("Add", x, g.op("Gather", pe, pos).attr("axis", 0L).out());
    x = norm(g, x, "embeddings.LayerNorm");
    String bias = g.paddingBias("attention_mask");
    int heads = c.heads();
    int d = c.headDim();
    for (int i = 0; i < c.layers(); i++) {
      String p = "encoder.layer." + i + ".";
      String q = g.splitHeads(proj(g, x, p + "attention.self.query", h, h), heads, d);
      String k = g.splitHeads(proj(g, x, p + "attention.self.key", h, h), heads, d);
      String v = g.splitHeads(proj(g, x, p + "attention.self.value", h, h), heads, d);
      String ctx = g.mergeHeads(g.attention(q, k, v, (float) (1 / Math.sqrt(d)), bias), heads, d);
      x = norm(g, g.apply("Add", proj(g, ctx, p + "attention.output.dense", h, h), x), p + "attention.output.LayerNorm");
      String m = g.geluErf(proj(g, x, p + "intermediate.dense", h, c.ffn()));
      x = norm(g, g.apply("Add", proj(g, m, p + "output.dense", c.ffn(), h), x), p + "output.LayerNorm");
    }
    return x;
  }

  private static String proj(GraphBuilder g, String x, String name, long in, long out) {
    return g.linear(x, name + ".weight", Init.normal(0.02), in, out, name + ".bias");
  }

  private String norm(GraphBuilder g, String x, String name) {
    return g.layerNorm(x, g.weight(name + ".weight", Init.ONES, h), g.weight(name + ".bias", Init.ZEROS, h), c.eps());
  }
}
