package org.inferbench.model.synth;

import static org.inferbench.model.synth.RefMath.*;

import org.inferbench.model.HfConfig;

/** GPT-2 forward pass in plain Java over a WeightSet, written from the model's definition. */
final class ReferenceGpt2 {
  final HfConfig c;
  final WeightSet w;
  /** Per layer, per head: cached keys and values [positions, headDim]. */
  final float[][][][] keys;
  final float[][][][] values;

  ReferenceGpt2(HfConfig c, WeightSet w) {
    this.c = c;
    this.w = w;
    keys = new float[c.layers()][c.heads()][0][];
    values = new float[c.layers()][c.heads()][0][];
  }

  /** Runs the tokens after those already cached; returns logits [tokens, vocab]. */
  float[][] step(long[] ids) {
    int h = c.hidden();
    int heads = c.heads();
    int d = c.headDim();
    int past = keys[0][0].length;
    float[] wte = w.get("transformer.wte.weight");
    float[] wpe = w.get("transformer.wpe.weight");
    float[][] x = new float[ids.length][h];
    for (int s = 0; s < ids.length; s++) {
      for (int i = 0; i < h; i++) {
        x[s][i] = wte[(int) ids[s] * h + i] + wpe[(past + s) * h + i];
      }
    }
    boolean[][] causal = new boolean[ids.length][past + ids.length];
    for (int i = 0; i < ids.length; i++) {
      for (int j = 0; j <= past + i; j++) {
        causal[i][j] = true;
      }
    }
    for (int l = 0; l < c.layers(); l++) {
      String p = "transformer.h." + l + ".";
      float[][] a = layerNorm(x, w.get(p + "ln_1.weight"), w.get(p + "ln_1.bias"), c.eps());
      float[][] qkv = linear(a, w.get(p + "attn.c_attn.weight"), w.get(p + "attn.c_attn.bias"), 3 * h);
      float[][] ctx = new float[ids.length][h];
      for (int hd = 0; hd < heads; hd++) {
        keys[l][hd] = concatRows(keys[l][hd], head(qkv, hd, d, h));
        values[l][hd] = concatRows(values[l][hd], head(qkv, hd, d, 2 * h));
        put(ctx, attend(head(qkv, hd, d, 0), keys[l][hd], values[l][hd], 1 / Math.sqrt(d), causal, null), hd, d);
      }
      x = add(x, linear(ctx, w.get(p + "attn.c_proj.weight"), w.get(p + "attn.c_proj.bias"), h));
      float[][] m = layerNorm(x, w.get(p + "ln_2.weight"), w.get(p + "ln_2.bias"), c.eps());
      m = map(linear(m, w.get(p + "mlp.c_fc.weight"), w.get(p + "mlp.c_fc.bias"), c.ffn()), RefMath::geluTanh);
      x = add(x, linear(m, w.get(p + "mlp.c_proj.weight"), w.get(p + "mlp.c_proj.bias"), h));
    }
    x = layerNorm(x, w.get("transformer.ln_f.weight"), w.get("transformer.ln_f.bias"), c.eps());
    float[][] logits = new float[ids.length][c.vocabSize()];
    for (int s = 0; s < ids.length; s++) {
      for (int v = 0; v < c.vocabSize(); v++) {
        double sum = 0;
        for (int i = 0; i < h; i++) {
          sum += x[s][i] * wte[v * h + i];
        }
        logits[s][v] = (float) sum;
      }
    }
    return logits;
  }

  /** The cached keys of a layer as [1, heads, positions, headDim], flat. */
  float[] cache(int layer, boolean key) {
    float[][][] src = key ? keys[layer] : values[layer];
    int n = src[0].length;
    int d = c.headDim();
    float[] out = new float[c.heads() * n * d];
    for (int hd = 0; hd < c.heads(); hd++) {
      for (int s = 0; s < n; s++) {
        System.arraycopy(src[hd][s], 0, out, (hd * n + s) * d, d);
      }
    }
    return out;
  }
}
