package org.inferbench.model.synth;

import static org.inferbench.model.synth.GraphBuilder.INT64;

import java.util.LinkedHashMap;
import java.util.Map;
import org.inferbench.model.HfConfig;

/**
 * T5 (v1.0, ReLU feed-forward): RMS norms without bias, unscaled attention, a relative position bias computed in the
 * first block of each stack and shared by the rest, and a shared embedding that is also the lm_head (hidden states
 * scaled by d_model^-0.5 first, as T5 does when tied). The decoder is Optimum's seq2seq decoder with past.
 */
final class T5Graph implements DecoderGraph {
  private final HfConfig c;
  private final long h;
  private final long inner;
  private final int heads;
  private final int d;

  T5Graph(HfConfig config) {
    this.c = config;
    this.h = config.hidden();
    this.heads = config.heads();
    this.d = config.headDim();
    this.inner = (long) heads * d;
  }

  Encoder encoder() {
    return new Encoder();
  }

  /**
   * The bucket of each relative position (memory - query) in [-maxDistance, maxDistance], index rel + maxDistance.
   * Beyond max_distance the bucket saturates, so clipping the relative position first gives the same bucket.
   */
  static long[] bucketTable(boolean bidirectional, int buckets, int maxDistance) {
    long[] table = new long[2 * maxDistance + 1];
    for (int rel = -maxDistance; rel <= maxDistance; rel++) {
      table[rel + maxDistance] = bucket(rel, bidirectional, buckets, maxDistance);
    }
    return table;
  }

  /** Hugging Face's T5 relative position bucket, in float32 as torch computes it. */
  static long bucket(int rel, boolean bidirectional, int buckets, int maxDistance) {
    long result = 0;
    int n = buckets;
    int a;
    if (bidirectional) {
      n /= 2;
      if (rel > 0) {
        result += n;
      }
      a = Math.abs(rel);
    } else {
      a = -Math.min(rel, 0);
    }
    int maxExact = n / 2;
    if (a < maxExact) {
      return result + a;
    }
    float log = (float) Math.log((float) a / maxExact);
    float span = (float) Math.log(maxDistance / (double) maxExact);
    long large = maxExact + (long) (log / span * (n - maxExact));
    return result + Math.min(large, n - 1);
  }

  /*
   * Hugging Face's init, except where it makes greedy decoding degenerate (one token repeated), which tests of the
   * decode path need to avoid; latency does not depend on weight values. With the tied lm_head, a shared embedding of
   * std 1 keeps the current token so large in the residual stream that it predicts itself, so it is 0.1. The
   * attention outputs are scaled down (cross-attention reads the same encoder states at every step, self-attention
   * averages a context that changes little) and the ReLU feed-forward's wo has centred columns (ReLU outputs have a
   * positive mean, which a plain random wo turns into one fixed vector), so the current token drives the next.
   */
  private static final double SHARED_STD = 0.1;
  private static final double SELF_ATTENTION_OUT_SCALE = 0.3;
  private static final double CROSS_ATTENTION_OUT_SCALE = 0.1;

  private String shared(GraphBuilder g) {
    return g.weight("shared.weight", Init.normal(SHARED_STD), c.vocabSize(), h);
  }

  /** [1, heads, q, k] bias from relative positions rel[q][k] = k - q. */
  private String positionBias(GraphBuilder g, String rel, boolean bidirectional, String weightName) {
    int maxD = c.relativeMaxDistance();
    String table = g.store.int64(new long[] {2L * maxD + 1}, bucketTable(bidirectional, c.relativeBuckets(), maxD));
    String clipped = g.apply("Max", g.apply("Min", rel, g.i64Scalar(maxD)), g.i64Scalar(-maxD));
    String idx = g.apply("Add", clipped, g.i64Scalar(maxD));
    String buckets = g.op("Gather", table, idx).attr("axis", 0L).out();
    String w = g.weight(weightName, Init.normal(Math.pow(h, -0.5)), c.relativeBuckets(), heads);
    String bias = g.op("Gather", w, buckets).attr("axis", 0L).out();
    return g.unsqueeze(g.transpose(bias, 2, 0, 1), 0);
  }

  private String rmsNorm(GraphBuilder g, String x, String name) {
    String variance = g.op("ReduceMean", g.apply("Pow", x, g.scalar(2f))).attr("axes", new long[] {-1})
        .attr("keepdims", 1L).out();
    String normed = g.apply("Div", x, g.apply("Sqrt", g.apply("Add", variance, g.scalar((float) c.eps()))));
    return g.apply("Mul", g.weight(name, Init.ONES, h), normed);
  }

  private String[] projections(GraphBuilder g, String x, String kvSource, String p) {
    return new String[] {
        g.splitHeads(g.linear(x, p + "q.weight", Init.normal(Math.pow(h * d, -0.5)), h, inner, null), heads, d),
        kvSource == null ? null
            : g.splitHeads(g.linear(kvSource, p + "k.weight", Init.normal(Math.pow(h, -0.5)), h, inner, null), heads,
                d),
        kvSource == null ? null
            : g.splitHeads(g.linear(kvSource, p + "v.weight", Init.normal(Math.pow(h, -0.5)), h, inner, null), heads,
                d)};
  }

  private String out(GraphBuilder g, String ctx, String p) {
    double scale = p.contains("EncDecAttention") ? CROSS_ATTENTION_OUT_SCALE : SELF_ATTENTION_OUT_SCALE;
    return g.linear(g.mergeHeads(ctx, heads, d), p + "o.weight", Init.normal(scale * Math.pow(inner, -0.5)), inner, h,
        null);
  }

  private String feedForward(GraphBuilder g, String x, String p) {
    String wi = g.linear(x, p + "DenseReluDense.wi.weight", Init.normal(Math.pow(h, -0.5)), h, c.ffn(), null);
    return g.linear(g.apply("Relu", wi), p + "DenseReluDense.wo.weight",
        new Init.CenteredNormal(Math.pow(c.ffn(), -0.5), Math.toIntExact(h)), c.ffn(), h, null);
  }

  /** The encoder stack, written to encoder_model.onnx. */
  final class Encoder implements EncoderGraph {
    @Override
    public int hidden() {
      return c.hidden();
    }

    @Override
    public String sequenceDim() {
      return "encoder_sequence_length";
    }

    @Override
    public void inputs(GraphBuilder g) {
      g.input("input_ids", INT64, "batch_size", "encoder_sequence_length");
      g.input("attention_mask", INT64, "batch_size", "encoder_sequence_length");
    }

    @Override
    public String body(GraphBuilder g) {
      String x = g.op("Gather", shared(g), "input_ids").attr("axis", 0L).out();
      String pos = g.range(g.i64Scalar(0), g.dim("input_ids", 1));
      String rel = g.apply("Sub", g.unsqueeze(pos, 0), g.unsqueeze(pos, 1));
      String bias = g.apply("Add",
          positionBias(g, rel, true, "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"),
          g.paddingBias("attention_mask"));
      for (int i = 0; i < c.encoderLayers(); i++) {
        String p = "encoder.block." + i + ".";
        String n = rmsNorm(g, x, p + "layer.0.layer_norm.weight");
        String[] qkv = projections(g, n, n, p + "layer.0.SelfAttention.");
        x = g.apply("Add", x, out(g, g.attention(qkv[0], qkv[1], qkv[2], 1f, bias), p + "layer.0.SelfAttention."));
        x = g.apply("Add", x, feedForward(g, rmsNorm(g, x, p + "layer.1.layer_norm.weight"), p + "layer.1."));
      }
      return rmsNorm(g, x, "encoder.final_layer_norm.weight");
    }
  }

  @Override
  public void inputs(GraphBuilder g, boolean withPast) {
    g.input("encoder_attention_mask", INT64, "batch_size", "encoder_sequence_length");
    g.input("input_ids", INT64, "batch_size", "decoder_sequence_length");
    g.input("encoder_hidden_states", g.elemType, "batch_size", "encoder_sequence_length", h);
    if (withPast) {
      for (int i = 0; i < c.layers(); i++) {
        String p = "past_key_values." + i + ".";
        g.input(p + "decoder.key", g.elemType, "batch_size", heads, "past_decoder_sequence_length", d);
        g.input(p + "decoder.value", g.elemType, "batch_size", heads, "past_decoder_sequence_length", d);
        g.input(p + "encoder.key", g.elemType, "batch_size", heads, "encoder_sequence_length_out", d);
        g.input(p + "encoder.value", g.elemType, "batch_size", heads, "encoder_sequence_length_out", d);
      }
    }
  }

  @Override
  public LinkedHashMap<String, Object[]> outputs(boolean withPast, boolean merged) {
    String total = withPast ? "past_decoder_sequence_length + 1" : "decoder_sequence_length";
    LinkedHashMap<String, Object[]> outs = new LinkedHashMap<>();
    outs.put("logits", new Object[] {"batch_size", "decoder_sequence_length", c.vocabSize()});
    for (int i = 0; i < c.layers(); i++) {
      String p = "present." + i + ".";
      outs.put(p + "decoder.key", new Object[] {"batch_size", heads, total, d});
      outs.put(p + "decoder.value", new Object[] {"batch_size", heads, total, d});
      // a split with-past step does not repeat the encoder key/values; a merged one must (both If branches agree)
      if (!withPast || merged) {
        outs.put(p + "encoder.key", new Object[] {"batch_size", heads, "encoder_sequence_length_out", d});
        outs.put(p + "encoder.value", new Object[] {"batch_size", heads, "encoder_sequence_length_out", d});
      }
    }
    return outs;
  }

  @Override
  public Map<String, String> body(GraphBuilder g, boolean withPast) {
    Map<String, String> outs = new LinkedHashMap<>();
    String x = g.op("Gather", shared(g), "input_ids").attr("axis", 0L).out();
    String seq = g.dim("input_ids", 1);
    String past = withPast ? g.dim("past_key_values.0.decoder.key", 2) : g.i64Scalar(0);
    String total = g.apply("Add", past, seq);
    String qpos = g.unsqueeze(g.range(past, total), 1);
    String kpos = g.unsqueeze(g.range(g.i64Scalar(0), total), 0);
    String selfBias = g.apply("Add",
        positionBias(g, g.apply("Sub", kpos, qpos), false,
            "decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"),
        g.boolBias(g.apply("LessOrEqual", kpos, qpos)));
    String crossBias = g.paddingBias("encoder_attention_mask");
    for (int i = 0; i < c.layers(); i++) {
      String p = "decoder.block." + i + ".";
      String pk = "past_key_values." + i + ".";
      String pr = "present." + i + ".";
      String n = rmsNorm(g, x, p + "layer.0.layer_norm.weight");
      String[] qkv = projections(g, n, n, p + "layer.0.SelfAttention.");
      String k = qkv[1];
      String v = qkv[2];
      if (withPast) {
        k = g.op("Concat", pk + "decoder.key", k).attr("axis", 2L).out();
        v = g.op("Concat", pk + "decoder.value", v).attr("axis", 2L).out();
      }
      outs.put(pr + "decoder.key", k);
      outs.put(pr + "decoder.value", v);
      x = g.apply("Add", x, out(g, g.attention(qkv[0], k, v, 1f, selfBias), p + "layer.0.SelfAttention."));

      n = rmsNorm(g, x, p + "layer.1.layer_norm.weight");
      String[] cross = projections(g, n, withPast ? null : "encoder_hidden_states", p + "layer.1.EncDecAttention.");
      String ek = withPast ? pk + "encoder.key" : cross[1];
      String ev = withPast ? pk + "encoder.value" : cross[2];
      outs.put(pr + "encoder.key", ek);
      outs.put(pr + "encoder.value", ev);
      x = g.apply("Add", x, out(g, g.attention(cross[0], ek, ev, 1f, crossBias), p + "layer.1.EncDecAttention."));
      x = g.apply("Add", x, feedForward(g, rmsNorm(g, x, p + "layer.2.layer_norm.weight"), p + "layer.2."));
    }
    x = rmsNorm(g, x, "decoder.final_layer_norm.weight");
    String logits;
    if (c.tiedEmbeddings()) {
      x = g.apply("Mul", x, g.scalar((float) Math.pow(h, -0.5)));
      logits = g.apply("MatMul", x, g.transpose(shared(g), 1, 0));
    } else {
      logits = g.linear(x, "lm_head.weight", Init.normal(1.0), h, c.vocabSize(), null);
    }
    outs.put("logits", logits);
    return outs;
  }
}
