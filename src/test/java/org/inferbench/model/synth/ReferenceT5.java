package org.inferbench.model.synth;

import static org.inferbench.model.synth.RefMath.*;

import org.inferbench.model.HfConfig;

/** T5 (ReLU feed-forward) in plain Java over a WeightSet: encoder pass, then incremental decoder steps. */
final class ReferenceT5 {
  final HfConfig c;
  final WeightSet w;
  final int h;
  final int d;
  final int inner;
  private float[][] encoded;
  private long[] encoderMask;
  private final float[][][][] keys;
  private final float[][][][] values;

  ReferenceT5(HfConfig c, WeightSet w) {
    this.c = c;
    this.w = w;
    h = c.hidden();
    d = c.headDim();
    inner = c.heads() * d;
    keys = new float[c.layers()][c.heads()][0][];
    values = new float[c.layers()][c.heads()][0][];
  }

  /** Relative position bucket as in the T5 paper's implementation (memory minus query position). */
  static int bucket(int relative, boolean bidirectional, int buckets, int maxDistance) {
    int ret = 0;
    int n = relative;
    if (bidirectional) {
      buckets /= 2;
      if (n > 0) {
        ret += buckets;
      }
      n = Math.abs(n);
    } else {
      n = Math.max(-n, 0);
    }
    int maxExact = buckets / 2;
    if (n < maxExact) {
      return ret + n;
    }
    float large = (float) Math.log((float) n / maxExact) / (float) Math.log((double) maxDistance / maxExact)
        * (buckets - maxExact);
    return ret + Math.min(maxExact + (int) large, buckets - 1);
  }

  private float[][] bias(int head, int queries, int keysCount, int queryOffset, boolean bidirectional,
      String name) {
    float[] table = w.get(name);
    float[][] b = new float[queries][keysCount];
    for (int i = 0; i < queries; i++) {
      for (int j = 0; j < keysCount; j++) {
        int bk = bucket(j - (i + queryOffset), bidirectional, c.relativeBuckets(), c.relativeMaxDistance());
        b[i][j] = table[bk * c.heads() + head];
      }
    }
    return b;
  }

  private float[][] rms(float[][] x, String name) {
    float[] weight = w.get(name);
    float[][] y = new float[x.length][h];
    for (int r = 0; r < x.length; r++) {
      double ms = 0;
      for (float v : x[r]) {
        ms += v * v;
      }
      ms /= h;
      for (int i = 0; i < h; i++) {
        y[r][i] = (float) (weight[i] * x[r][i] / Math.sqrt(ms + c.eps()));
      }
    }
    return y;
  }

  private float[][] embed(long[] ids) {
    float[] shared = w.get("shared.weight");
    float[][] x = new float[ids.length][h];
    for (int s = 0; s < ids.length; s++) {
      System.arraycopy(shared, (int) ids[s] * h, x[s], 0, h);
    }
    return x;
  }

  private float[][] ff(float[][] x, String p) {
    float[][] a = map(linear(x, w.get(p + "DenseReluDense.wi.weight"), null, c.ffn()), v -> Math.max(0, v));
    return linear(a, w.get(p + "DenseReluDense.wo.weight"), null, h);
  }

  float[][] encode(long[] ids, long[] mask) {
    int n = ids.length;
    float[][] x = embed(ids);
    boolean[][] allowed = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        allowed[i][j] = mask[j] == 1;
      }
    }
    for (int l = 0; l < c.encoderLayers(); l++) {
      String p = "encoder.block." + l + ".layer.0.SelfAttention.";
      float[][] a = rms(x, "encoder.block." + l + ".layer.0.layer_norm.weight");
      float[][] q = linear(a, w.get(p + "q.weight"), null, inner);
      float[][] k = linear(a, w.get(p + "k.weight"), null, inner);
      float[][] v = linear(a, w.get(p + "v.weight"), null, inner);
      float[][] ctx = new float[n][inner];
      for (int hd = 0; hd < c.heads(); hd++) {
        float[][] b = bias(hd, n, n, 0, true, "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight");
        put(ctx, attend(head(q, hd, d, 0), head(k, hd, d, 0), head(v, hd, d, 0), 1, allowed, b), hd, d);
      }
      x = add(x, linear(ctx, w.get(p + "o.weight"), null, h));
      x = add(x, ff(rms(x, "encoder.block." + l + ".layer.1.layer_norm.weight"), "encoder.block." + l + ".layer.1."));
    }
    encoded = rms(x, "encoder.final_layer_norm.weight");
    encoderMask = mask;
    return encoded;
  }

  /** Decoder tokens after those already seen; returns logits [tokens, vocab]. */
  float[][] step(long[] ids) {
    int n = ids.length;
    int past = keys[0][0].length;
    float[][] x = embed(ids);
    boolean[][] causal = new boolean[n][past + n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= past + i; j++) {
        causal[i][j] = true;
      }
    }
    boolean[][] cross = new boolean[n][encoded.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < encoded.length; j++) {
        cross[i][j] = encoderMask[j] == 1;
      }
    }
    for (int l = 0; l < c.layers(); l++) {
      String b = "decoder.block." + l + ".";
      String p = b + "layer.0.SelfAttention.";
      float[][] a = rms(x, b + "layer.0.layer_norm.weight");
      float[][] q = linear(a, w.get(p + "q.weight"), null, inner);
      float[][] k = linear(a, w.get(p + "k.weight"), null, inner);
      float[][] v = linear(a, w.get(p + "v.weight"), null, inner);
      float[][] ctx = new float[n][inner];
      for (int hd = 0; hd < c.heads(); hd++) {
        keys[l][hd] = concatRows(keys[l][hd], head(k, hd, d, 0));
        values[l][hd] = concatRows(values[l][hd], head(v, hd, d, 0));
        float[][] bias = bias(hd, n, past + n, past, false,
            "decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight");
        put(ctx, attend(head(q, hd, d, 0), keys[l][hd], values[l][hd], 1, causal, bias), hd, d);
      }
      x = add(x, linear(ctx, w.get(p + "o.weight"), null, h));
      String e = b + "layer.1.EncDecAttention.";
      a = rms(x, b + "layer.1.layer_norm.weight");
      q = linear(a, w.get(e + "q.weight"), null, inner);
      k = linear(encoded, w.get(e + "k.weight"), null, inner);
      v = linear(encoded, w.get(e + "v.weight"), null, inner);
      ctx = new float[n][inner];
      for (int hd = 0; hd < c.heads(); hd++) {
        put(ctx, attend(head(q, hd, d, 0), head(k, hd, d, 0), head(v, hd, d, 0), 1, cross, null), hd, d);
      }
      x = add(x, linear(ctx, w.get(e + "o.weight"), null, h));
      x = add(x, ff(rms(x, b + "layer.2.layer_norm.weight"), b + "layer.2."));
    }
    x = rms(x, "decoder.final_layer_norm.weight");
    float[] shared = w.get("shared.weight");
    double scale = Math.pow(h, -0.5);
    float[][] logits = new float[n][c.vocabSize()];
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < c.vocabSize(); t++) {
        double sum = 0;
        for (int i = 0; i < h; i++) {
          sum += x[s][i] * scale * shared[t * h + i];
        }
        logits[s][t] = (float) sum;
      }
    }
    return logits;
  }
}
