package org.inferbench.model.synth;

import static org.inferbench.model.synth.GraphBuilder.INT64;

import org.inferbench.model.HfConfig;

/**
 * ModernBERT: bias-free pre-norm blocks (the first without an attention norm), rotary position embeddings with a
 * different base for global and local layers, GeGLU feed-forward, and sliding-window attention on all but every
 * {@code global_attn_every_n_layers}-th layer.
 */
final class ModernBertGraph implements EncoderGraph {
  private final HfConfig c;
  private final long h;

  ModernBertGraph(HfConfig config) {
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
  }

  /** cos (or sin) of position * theta^(-2i/d), laid out [positions, d] with the half repeated (rotate_half form). */
  static float[] rotaryTable(int positions, int d, double theta, boolean sin) {
    float[] t = new float[positions * d];
    for (int p = 0; p < positions; p++) {
      for (int i = 0; i < d / 2; i++) {
        float invFreq = (float) (1.0 / Math.pow(theta, (2.0 * i) / d));
        float angle = p * invFreq;
        float v = (float) (sin ? Math.sin(angle) : Math.cos(angle));
        t[p * d + i] = v;
        t[p * d + i + d / 2] = v;
      }
    }
    return t;
  }

  @Override
  public String body(GraphBuilder g) {
    int heads = c.heads();
    int d = c.headDim();
    int maxPos = c.maxPositions();
    String tok = g.weight("embeddings.tok_embeddings.weight", Init.normal(0.02), c.vocabSize(), h);
    String x = norm(g, g.op("Gather", tok, "input_ids").attr("axis", 0L).out(), "embeddings.norm");
    String pos = g.range(g.i64Scalar(0), g.dim("input_ids", 1));
    String globalBias = g.paddingBias("attention_mask");
    // a local layer sees keys within local_attention/2 positions either side of the query
    String distance = g.apply("Abs", g.apply("Sub", g.unsqueeze(pos, 0), g.unsqueeze(pos, 1)));
    String inWindow = g.apply("LessOrEqual", distance, g.i64Scalar(c.localAttention() / 2));
    String localBias = g.apply("Where", inWindow, globalBias, g.scalar(g.maskValue()));
    String[] globalRope = rope(g, "global", c.globalRopeTheta(), pos, maxPos, d);
    String[] localRope = rope(g, "local", c.localRopeTheta(), pos, maxPos, d);
    for (int i = 0; i < c.layers(); i++) {
      String p = "layers." + i + ".";
      boolean global = i % c.globalAttentionEvery() == 0;
      String a = i == 0 ? x : norm(g, x, p + "attn_norm");
      String qkv = g.linear(a, p + "attn.Wqkv.weight", Init.normal(0.02), h, 3 * h, null);
      String[] parts = g.op("Split", qkv, g.i64(h, h, h)).attr("axis", 2L).outs(3);
      String[] cs = global ? globalRope : localRope;
      String q = rotate(g, g.splitHeads(parts[0], heads, d), cs, d);
      String k = rotate(g, g.splitHeads(parts[1], heads, d), cs, d);
      String v = g.splitHeads(parts[2], heads, d);
      String ctx = g.mergeHeads(g.attention(q, k, v, (float) (1 / Math.sqrt(d)), global ? globalBias : localBias),
          heads, d);
      x = g.apply("Add", x, g.linear(ctx, p + "attn.Wo.weight", Init.normal(0.02), h, h, null));
      String m = norm(g, x, p + "mlp_norm");
      long f = c.ffn();
      String wi = g.linear(m, p + "mlp.Wi.weight", Init.normal(0.02), h, 2 * f, null);
      String[] ig = g.op("Split", wi, g.i64(f, f)).attr("axis", 2L).outs(2);
      String act = g.apply("Mul", g.geluErf(ig[0]), ig[1]);
      x = g.apply("Add", x, g.linear(act, p + "mlp.Wo.weight", Init.normal(0.02), f, h, null));
    }
    return norm(g, x, "final_norm");
  }

  private static String[] rope(GraphBuilder g, String kind, double theta, String pos, int maxPos, int d) {
    String cos = g.table("rotary_" + kind + ".cos", rotaryTable(maxPos, d, theta, false), maxPos, d);
    String sin = g.table("rotary_" + kind + ".sin", rotaryTable(maxPos, d, theta, true), maxPos, d);
    return new String[] {g.op("Gather", cos, pos).attr("axis", 0L).out(),
        g.op("Gather", sin, pos).attr("axis", 0L).out()};
  }

  /** x * cos + rotate_half(x) * sin, rotate_half(x) = concat(-x2, x1) over the halves of the head dim. */
  private static String rotate(GraphBuilder g, String x, String[] cosSin, int d) {
    String[] halves = g.op("Split", x, g.i64(d / 2, d / 2)).attr("axis", 3L).outs(2);
    String rotated = g.op("Concat", g.apply("Neg", halves[1]), halves[0]).attr("axis", 3L).out();
    return g.apply("Add", g.apply("Mul", x, cosSin[0]), g.apply("Mul", rotated, cosSin[1]));
  }

  private String norm(GraphBuilder g, String x, String name) {
    return g.layerNorm(x, g.weight(name + ".weight", Init.ONES, h), null, c.eps());
  }
}
