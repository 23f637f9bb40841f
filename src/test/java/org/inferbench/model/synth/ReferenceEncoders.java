package org.inferbench.model.synth;

import static org.inferbench.model.synth.RefMath.*;

import org.inferbench.model.HfConfig;

/** BERT and ModernBERT forward passes in plain Java over a WeightSet, written from the models' definitions. */
final class ReferenceEncoders {
  private ReferenceEncoders() {}

  static float[][] bert(HfConfig c, WeightSet w, long[] ids, long[] types, long[] mask) {
    int h = c.hidden();
    int d = c.headDim();
    int n = ids.length;
    float[] we = w.get("embeddings.word_embeddings.weight");
    float[] pe = w.get("embeddings.position_embeddings.weight");
    float[] te = w.get("embeddings.token_type_embeddings.weight");
    float[][] x = new float[n][h];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < h; i++) {
        x[s][i] = we[(int) ids[s] * h + i] + pe[s * h + i] + te[(int) types[s] * h + i];
      }
    }
    x = layerNorm(x, w.get("embeddings.LayerNorm.weight"), w.get("embeddings.LayerNorm.bias"), c.eps());
    boolean[][] allowed = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        allowed[i][j] = mask[j] == 1;
      }
    }
    for (int l = 0; l < c.layers(); l++) {
      String p = "encoder.layer." + l + ".";
      float[][] q = lin(w, x, p + "attention.self.query", h);
      float[][] k = lin(w, x, p + "attention.self.key", h);
      float[][] v = lin(w, x, p + "attention.self.value", h);
      float[][] ctx = new float[n][h];
      for (int hd = 0; hd < c.heads(); hd++) {
        put(ctx, attend(head(q, hd, d, 0), head(k, hd, d, 0), head(v, hd, d, 0), 1 / Math.sqrt(d), allowed, null),
            hd, d);
      }
      x = ln(w, add(lin(w, ctx, p + "attention.output.dense", h), x), p + "attention.output.LayerNorm", c.eps());
      float[][] m = map(lin(w, x, p + "intermediate.dense", c.ffn()), RefMath::geluErf);
      x = ln(w, add(lin(w, m, p + "output.dense", h), x), p + "output.LayerNorm", c.eps());
    }
    return x;
  }

  private static float[][] lin(WeightSet w, float[][] x, String name, int out) {
    return linear(x, w.get(name + ".weight"), w.get(name + ".bias"), out);
  }

  private static float[][] ln(WeightSet w, float[][] x, String name, double eps) {
    return layerNorm(x, w.get(name + ".weight"), w.get(name + ".bias"), eps);
  }

  static float[][] modernBert(HfConfig c, WeightSet w, long[] ids, long[] mask) {
    int h = c.hidden();
    int d = c.headDim();
    int n = ids.length;
    float[] tok = w.get("embeddings.tok_embeddings.weight");
    float[][] x = new float[n][h];
    for (int s = 0; s < n; s++) {
      System.arraycopy(tok, (int) ids[s] * h, x[s], 0, h);
    }
    x = layerNorm(x, w.get("embeddings.norm.weight"), null, c.eps());
    for (int l = 0; l < c.layers(); l++) {
      String p = "layers." + l + ".";
      boolean global = l % c.globalAttentionEvery() == 0;
      double theta = global ? c.globalRopeTheta() : c.localRopeTheta();
      boolean[][] allowed = new boolean[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          allowed[i][j] = mask[j] == 1 && (global || Math.abs(i - j) <= c.localAttention() / 2);
        }
      }
      float[][] a = l == 0 ? x : layerNorm(x, w.get(p + "attn_norm.weight"), null, c.eps());
      float[][] qkv = linear(a, w.get(p + "attn.Wqkv.weight"), null, 3 * h);
      float[][] ctx = new float[n][h];
      for (int hd = 0; hd < c.heads(); hd++) {
        float[][] q = rope(head(qkv, hd, d, 0), theta);
        float[][] k = rope(head(qkv, hd, d, h), theta);
        put(ctx, attend(q, k, head(qkv, hd, d, 2 * h), 1 / Math.sqrt(d), allowed, null), hd, d);
      }
      x = add(x, linear(ctx, w.get(p + "attn.Wo.weight"), null, h));
      float[][] m = layerNorm(x, w.get(p + "mlp_norm.weight"), null, c.eps());
      float[][] wi = linear(m, w.get(p + "mlp.Wi.weight"), null, 2 * c.ffn());
      float[][] act = new float[n][c.ffn()];
      for (int s = 0; s < n; s++) {
        for (int i = 0; i < c.ffn(); i++) {
          act[s][i] = (float) (geluErf(wi[s][i]) * wi[s][c.ffn() + i]);
        }
      }
      x = add(x, linear(act, w.get(p + "mlp.Wo.weight"), null, h));
    }
    return layerNorm(x, w.get("final_norm.weight"), null, c.eps());
  }

  /** Rotary embedding, halves form: pairs (i, i + d/2) rotate by position * theta^(-2i/d). */
  private static float[][] rope(float[][] x, double theta) {
    int d = x[0].length;
    float[][] y = new float[x.length][d];
    for (int pos = 0; pos < x.length; pos++) {
      for (int i = 0; i < d / 2; i++) {
        double angle = pos * Math.pow(theta, -2.0 * i / d);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        y[pos][i] = (float) (x[pos][i] * cos - x[pos][i + d / 2] * sin);
        y[pos][i + d / 2] = (float) (x[pos][i + d / 2] * cos + x[pos][i] * sin);
      }
    }
    return y;
  }
}
