package org.inferbench.model.gguf;

import java.util.HashMap;
import java.util.Map;
import org.inferbench.core.BadInputException;

/**
 * A plain-Java forward pass over a GGUF file's weights, dequantized by InferBench's own block decoders, written from
 * the architectures' definitions (llama: RMSNorm, RoPE on adjacent pairs as llama.cpp applies it to its permuted
 * q/k rows, grouped-query attention, SwiGLU; gpt2: LayerNorm, fused qkv, GELU with the tanh approximation). Teacher
 * forced: one pass over a whole sequence gives the logits after every position, so a step's prediction does not
 * depend on the previous prediction.
 */
public final class GgufReference {
  private final GgufFile file;
  private final boolean llama;
  private final int layers;
  private final int hidden;
  private final int heads;
  private final int kvHeads;
  private final int headDim;
  private final int ffn;
  private final int vocab;
  private final float eps;
  private final float ropeBase;
  private final Map<String, float[]> cache = new HashMap<>();

  public GgufReference(GgufFile file) throws BadInputException {
    this.file = file;
    String a = file.architecture();
    this.llama = a.equals("llama");
    if (!llama && !a.equals("gpt2")) throw new IllegalArgumentException("architecture " + a);
    layers = (int) file.getU32(a + ".block_count");
    hidden = (int) file.getU32(a + ".embedding_length");
    heads = (int) file.getU32(a + ".attention.head_count");
    kvHeads = llama ? (int) file.getU32("llama.attention.head_count_kv") : heads;
    headDim = hidden / heads;
    ffn = (int) file.getU32(a + ".feed_forward_length");
    vocab = (int) file.tensor("token_embd.weight").orElseThrow().dims()[1];
    eps = llama ? file.getF32("llama.attention.layer_norm_rms_epsilon") : file.getF32("gpt2.attention.layer_norm_epsilon");
    ropeBase = llama ? file.getF32("llama.rope.freq_base") : 0;
  }

  public int vocab() {
    return vocab;
  }

  /** Logits [position][vocab] after each of the tokens. */
  public float[][] logits(int[] tokens) throws BadInputException {
    int n = tokens.length;
    float[][] x = new float[n][];
    float[] embd = weight("token_embd.weight");
    for (int s = 0; s < n; s++) {
      x[s] = java.util.Arrays.copyOfRange(embd, tokens[s] * hidden, (tokens[s] + 1) * hidden);
      if (!llama) add(x[s], row(weight("position_embd.weight"), s, hidden));
    }
    for (int l = 0; l < layers; l++) {
      String p = "blk." + l + ".";
      float[][] a = norm(x, p + "attn_norm");
      float[][] q;
      float[][] k;
      float[][] v;
      if (llama) {
        q = linear(a, p + "attn_q", heads * headDim);
        k = linear(a, p + "attn_k", kvHeads * headDim);
        v = linear(a, p + "attn_v", kvHeads * headDim);
        rope(q, heads);
        rope(k, kvHeads);
      } else {
        float[][] qkv = linear(a, p + "attn_qkv", 3 * hidden);
        q = slice(qkv, 0, hidden);
        k = slice(qkv, hidden, hidden);
        v = slice(qkv, 2 * hidden, hidden);
      }
      float[][] ctx = attention(q, k, v);
      x = sum(x, linear(ctx, p + "attn_output", hidden));
      float[][] m = norm(x, p + "ffn_norm");
      float[][] inner;
      if (llama) {
        float[][] gate = linear(m, p + "ffn_gate", ffn);
        float[][] up = linear(m, p + "ffn_up", ffn);
        inner = new float[n][ffn];
        for (int s = 0; s < n; s++) {
          for (int i = 0; i < ffn; i++) inner[s][i] = (float) (silu(gate[s][i]) * up[s][i]);
        }
      } else {
        inner = linear(m, p + "ffn_up", ffn);
        for (float[] r : inner) for (int i = 0; i < r.length; i++) r[i] = (float) geluTanh(r[i]);
      }
      x = sum(x, linear(inner, p + "ffn_down", hidden));
    }
    x = norm(x, "output_norm");
    String out = file.tensor("output.weight").isPresent() ? "output" : "token_embd";
    float[] w = weight(out + ".weight");
    float[][] logits = new float[n][vocab];
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < vocab; t++) logits[s][t] = (float) dot(x[s], w, t * hidden, hidden);
    }
    return logits;
  }

  private float[] weight(String name) throws BadInputException {
    float[] w = cache.get(name);
    if (w == null) {
      TensorInfo t = file.tensor(name).orElseThrow(() -> new IllegalArgumentException("no tensor " + name));
      w = file.dequantize(t, Math.toIntExact(t.elements()));
      cache.put(name, w);
    }
    return w;
  }

  private boolean has(String name) {
    return file.tensor(name).isPresent();
  }

  private float[][] linear(float[][] x, String name, int out) throws BadInputException {
    float[] w = weight(name + ".weight");
    float[] b = has(name + ".bias") ? weight(name + ".bias") : null;
    int in = x[0].length;
    float[][] y = new float[x.length][out];
    for (int s = 0; s < x.length; s++) {
      for (int o = 0; o < out; o++) y[s][o] = (float) (dot(x[s], w, o * in, in) + (b == null ? 0 : b[o]));
    }
    return y;
  }

  private float[][] norm(float[][] x, String name) throws BadInputException {
    float[] w = weight(name + ".weight");
    float[] b = has(name + ".bias") ? weight(name + ".bias") : null;
    float[][] y = new float[x.length][];
    for (int s = 0; s < x.length; s++) {
      float[] r = x[s];
      double mean = 0;
      if (!llama) {
        for (float v : r) mean += v;
        mean /= r.length;
      }
      double var = 0;
      for (float v : r) var += (v - mean) * (v - mean);
      double inv = 1 / Math.sqrt(var / r.length + eps);
      y[s] = new float[r.length];
      for (int i = 0; i < r.length; i++) y[s][i] = (float) ((r[i] - mean) * inv * w[i] + (b == null ? 0 : b[i]));
    }
    return y;
  }

  /** llama.cpp's "normal" RoPE: pairs (2i, 2i+1) of each head turn by pos / (base^(2i/d) · factor_i). */
  private void rope(float[][] x, int nHeads) throws BadInputException {
    float[] factors = has("rope_freqs.weight") ? weight("rope_freqs.weight") : null;
    for (int pos = 0; pos < x.length; pos++) {
      for (int h = 0; h < nHeads; h++) {
        for (int i = 0; i < headDim / 2; i++) {
          double theta = pos * Math.pow(ropeBase, -2.0 * i / headDim) / (factors == null ? 1 : factors[i]);
          int a = h * headDim + 2 * i;
          double x0 = x[pos][a];
          double x1 = x[pos][a + 1];
          x[pos][a] = (float) (x0 * Math.cos(theta) - x1 * Math.sin(theta));
          x[pos][a + 1] = (float) (x0 * Math.sin(theta) + x1 * Math.cos(theta));
        }
      }
    }
  }

  private float[][] attention(float[][] q, float[][] k, float[][] v) {
    int n = q.length;
    float[][] out = new float[n][heads * headDim];
    int group = heads / kvHeads;
    double scale = 1 / Math.sqrt(headDim);
    for (int h = 0; h < heads; h++) {
      int kvh = h / group;
      for (int i = 0; i < n; i++) {
        double[] score = new double[i + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= i; j++) {
          double d = 0;
          for (int c = 0; c < headDim; c++) d += q[i][h * headDim + c] * k[j][kvh * headDim + c];
          score[j] = d * scale;
          max = Math.max(max, score[j]);
        }
        double total = 0;
        for (int j = 0; j <= i; j++) {
          score[j] = Math.exp(score[j] - max);
          total += score[j];
        }
        for (int j = 0; j <= i; j++) {
          double p = score[j] / total;
          for (int c = 0; c < headDim; c++) out[i][h * headDim + c] += (float) (p * v[j][kvh * headDim + c]);
        }
      }
    }
    return out;
  }

  private static float[][] slice(float[][] x, int from, int width) {
    float[][] y = new float[x.length][];
    for (int s = 0; s < x.length; s++) y[s] = java.util.Arrays.copyOfRange(x[s], from, from + width);
    return y;
  }

  private static float[][] sum(float[][] a, float[][] b) {
    float[][] y = new float[a.length][];
    for (int s = 0; s < a.length; s++) {
      y[s] = a[s].clone();
      add(y[s], b[s]);
    }
    return y;
  }

  private static void add(float[] a, float[] b) {
    for (int i = 0; i < a.length; i++) a[i] += b[i];
  }

  private static float[] row(float[] m, int r, int width) {
    return java.util.Arrays.copyOfRange(m, r * width, (r + 1) * width);
  }

  private static double dot(float[] x, float[] w, int off, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[i] * w[off + i];
    return s;
  }

  private static double silu(double x) {
    return x / (1 + Math.exp(-x));
  }

  private static double geluTanh(double x) {
    return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
  }
}
