package org.inferbench.model.gguf;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.inferbench.core.ExpertDims;
import org.inferbench.model.Architecture;
import org.inferbench.model.DecoderTraits;
import org.inferbench.model.DecoderTraits.QkNorm;
import org.inferbench.model.HfConfig;

/**
 * A plain-Java forward pass of the Llama-like families after llama over a GGUF file's weights (dequantized by
 * InferBench's own decoders), written from the architectures' definitions as today's llama.cpp computes them
 * (src/models/*.cpp and llama-graph.cpp): RMSNorm; NEOX RoPE (pairs i and i + rot/2) over the first rot dims of a
 * head; per-head or whole-projection q/k norms; causal attention with a sliding window of n tokens (a key is seen
 * while query − key &lt; n) on the sliding layers (gemma3 five of six, gpt-oss every other, from layer 0) and a
 * per-head sink logit in the softmax (gpt-oss); Gemma's √hidden embedding scale and sandwich norms; SwiGLU, GeGLU
 * (tanh), Phi-3's fused gate-up, gpt-oss's clamped SwiGLU (α 1.702, limit 7); experts chosen by top-k of the
 * router's softmax (renormalised for qwen3moe, not for olmoe) or softmax over the top-k logits (gpt-oss). Teacher
 * forced: one pass gives the logits after every position. YaRN scaling is not modelled (tests use plain RoPE).
 */
final class DecoderReference {
  private final GgufFile file;
  private final HfConfig c;
  private final DecoderTraits t;
  private final String arch;
  private final Map<String, float[]> cache = new HashMap<>();
  private final int h;
  private final int hd;
  private final int rot;
  private final int heads;
  private final int kvHeads;

  DecoderReference(GgufFile file, HfConfig c) throws Exception {
    this.file = file;
    this.c = c;
    this.t = c.architecture().decoderTraits().orElseThrow();
    this.arch = file.architecture();
    h = c.hidden();
    hd = c.headDim();
    rot = c.ropeDims();
    heads = c.heads();
    kvHeads = c.kvHeads();
    if (c.tree().path("rope_scaling").isObject()) throw new IllegalArgumentException("rope scaling not modelled");
  }

  /** Logits [position][vocab] after each of the tokens. */
  float[][] logits(int[] tokens) throws Exception {
    int n = tokens.length;
    float[] embd = w("token_embd.weight");
    float[][] x = new float[n][];
    for (int s = 0; s < n; s++) {
      x[s] = Arrays.copyOfRange(embd, tokens[s] * h, (tokens[s] + 1) * h);
      if (t.sandwichNorms()) scale(x[s], (float) Math.sqrt(h));
    }
    for (int l = 0; l < c.layers(); l++) {
      String p = "blk." + l + ".";
      float[][] a = norm(x, w(p + "attn_norm.weight"));
      float[][] q;
      float[][] k;
      float[][] v;
      int qw = heads * hd;
      int kw = kvHeads * hd;
      if (has(p + "attn_qkv.weight")) {
        float[][] qkv = linear(a, p + "attn_qkv", qw + 2 * kw);
        q = slice(qkv, 0, qw);
        k = slice(qkv, qw, kw);
        v = slice(qkv, qw + kw, kw);
      } else {
        q = linear(a, p + "attn_q", qw);
        k = linear(a, p + "attn_k", kw);
        v = linear(a, p + "attn_v", kw);
      }
      if (t.qkNorm() == QkNorm.PER_HEAD) {
        q = headNorm(q, w(p + "attn_q_norm.weight"), heads);
        k = headNorm(k, w(p + "attn_k_norm.weight"), kvHeads);
      } else if (t.qkNorm() == QkNorm.FULL) {
        q = norm(q, w(p + "attn_q_norm.weight"));
        k = norm(k, w(p + "attn_k_norm.weight"));
      }
      boolean sliding = sliding(l);
      double base = sliding && c.architecture() == Architecture.GEMMA3 ? c.number("rope_local_base_freq", 10000)
          : c.ropeTheta();
      rope(q, heads, base);
      rope(k, kvHeads, base);
      float[] sinks = t.sinks() ? w(p + "attn_sinks.weight") : null;
      int window = sliding ? c.integer("sliding_window") : Integer.MAX_VALUE;
      float[][] o = linear(attention(q, k, v, window, sinks), p + "attn_output", h);
      if (t.sandwichNorms()) o = norm(o, w(p + "post_attention_norm.weight"));
      x = sum(x, o);
      float[][] m = norm(x, w(p + (t.sinks() ? "post_attention_norm" : "ffn_norm") + ".weight"));
      float[][] f = c.experts().present() ? moe(m, p) : dense(m, p);
      if (t.sandwichNorms()) f = norm(f, w(p + "post_ffw_norm.weight"));
      x = sum(x, f);
    }
    x = norm(x, w("output_norm.weight"));
    float[] out = w(has("output.weight") ? "output.weight" : "token_embd.weight");
    int vocab = c.vocabSize();
    float[][] logits = new float[n][vocab];
    for (int s = 0; s < n; s++) {
      for (int tok = 0; tok < vocab; tok++) logits[s][tok] = (float) dot(x[s], out, (long) tok * h, h);
    }
    return logits;
  }

  /** llama.cpp's default pattern for the family (set_swa_pattern): which layers slide. */
  private boolean sliding(int layer) {
    return switch (c.architecture()) {
      case GEMMA3 -> layer % 6 < 5;
      case GPT_OSS -> layer % 2 < 1;
      default -> false;
    };
  }

  private float[][] dense(float[][] m, String p) throws Exception {
    int f = c.ffn();
    float[][] gate;
    float[][] up;
    if (!has(p + "ffn_gate.weight")) {
      float[][] gu = linear(m, p + "ffn_up", 2 * f);
      gate = slice(gu, 0, f);
      up = slice(gu, f, f);
    } else {
      gate = linear(m, p + "ffn_gate", f);
      up = linear(m, p + "ffn_up", f);
    }
    float[][] inner = new float[m.length][f];
    for (int s = 0; s < m.length; s++) {
      for (int i = 0; i < f; i++) inner[s][i] = (float) (act(gate[s][i]) * up[s][i]);
    }
    return linear(inner, p + "ffn_down", h);
  }

  private float[][] moe(float[][] m, String p) throws Exception {
    ExpertDims e = c.experts();
    float[][] router = linear(m, p + "ffn_gate_inp", e.count());
    float[] gateW = w(p + "ffn_gate_exps.weight");
    float[] upW = w(p + "ffn_up_exps.weight");
    float[] downW = w(p + "ffn_down_exps.weight");
    float[] gateB = has(p + "ffn_gate_exps.bias") ? w(p + "ffn_gate_exps.bias") : null;
    float[] upB = has(p + "ffn_up_exps.bias") ? w(p + "ffn_up_exps.bias") : null;
    float[] downB = has(p + "ffn_down_exps.bias") ? w(p + "ffn_down_exps.bias") : null;
    int fe = e.ffn();
    float[][] out = new float[m.length][h];
    for (int s = 0; s < m.length; s++) {
      double[] probs = new double[e.count()];
      if (t.sinks()) {
        for (int i = 0; i < probs.length; i++) probs[i] = router[s][i];
      } else {
        probs = softmax(router[s]);
      }
      Integer[] order = new Integer[e.count()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      final double[] pr = probs;
      Arrays.sort(order, (i, j) -> Double.compare(pr[j], pr[i]));
      double[] weight = new double[e.used()];
      for (int k = 0; k < e.used(); k++) weight[k] = probs[order[k]];
      if (t.sinks()) {
        float[] top = new float[e.used()];
        for (int k = 0; k < top.length; k++) top[k] = (float) weight[k];
        weight = softmax(top);
      } else if (c.architecture() == Architecture.QWEN3_MOE) {
        double total = Arrays.stream(weight).sum();
        for (int k = 0; k < weight.length; k++) weight[k] /= total;
      }
      for (int k = 0; k < e.used(); k++) {
        int ex = order[k];
        float[] inner = new float[fe];
        for (int i = 0; i < fe; i++) {
          long row = ((long) ex * fe + i) * h;
          double g = dot(m[s], gateW, row, h) + (gateB == null ? 0 : gateB[ex * fe + i]);
          double u = dot(m[s], upW, row, h) + (upB == null ? 0 : upB[ex * fe + i]);
          inner[i] = (float) (t.sinks() ? swigluOai(g, u) : act(g) * u);
        }
        for (int o = 0; o < h; o++) {
          double d = dot(inner, downW, ((long) ex * h + o) * fe, fe) + (downB == null ? 0 : downB[ex * h + o]);
          out[s][o] += (float) (weight[k] * d);
        }
      }
    }
    return out;
  }

  private static double swigluOai(double gate, double up) {
    double x = Math.min(gate, 7.0);
    double y = Math.max(-7.0, Math.min(up, 7.0));
    return x / (1 + Math.exp(-1.702 * x)) * (y + 1);
  }

  private double act(double x) {
    if (c.architecture() == Architecture.GEMMA3) {
      return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }
    return x / (1 + Math.exp(-x));
  }

  private float[][] attention(float[][] q, float[][] k, float[][] v, int window, float[] sinks) {
    int n = q.length;
    float[][] out = new float[n][heads * hd];
    int group = heads / kvHeads;
    double scale = 1 / Math.sqrt(hd);
    for (int head = 0; head < heads; head++) {
      int kvh = head / group;
      for (int i = 0; i < n; i++) {
        double[] score = new double[i + 1];
        double max = sinks == null ? Double.NEGATIVE_INFINITY : sinks[head];
        for (int j = 0; j <= i; j++) {
          if (i - j >= window) {
            score[j] = Double.NEGATIVE_INFINITY;
            continue;
          }
          double d = 0;
          for (int x = 0; x < hd; x++) d += q[i][head * hd + x] * k[j][kvh * hd + x];
          score[j] = d * scale;
          max = Math.max(max, score[j]);
        }
        double total = sinks == null ? 0 : Math.exp(sinks[head] - max);
        for (int j = 0; j <= i; j++) {
          score[j] = score[j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(score[j] - max);
          total += score[j];
        }
        for (int j = 0; j <= i; j++) {
          double pj = score[j] / total;
          for (int x = 0; x < hd; x++) out[i][head * hd + x] += (float) (pj * v[j][kvh * hd + x]);
        }
      }
    }
    return out;
  }

  /** NEOX RoPE: within each head, dims i and i + rot/2 (i < rot/2) turn by pos · base^(−2i/rot). */
  private void rope(float[][] x, int nHeads, double base) {
    for (int pos = 0; pos < x.length; pos++) {
      for (int head = 0; head < nHeads; head++) {
        for (int i = 0; i < rot / 2; i++) {
          double theta = pos * Math.pow(base, -2.0 * i / rot);
          int a = head * hd + i;
          int b = a + rot / 2;
          double x0 = x[pos][a];
          double x1 = x[pos][b];
          x[pos][a] = (float) (x0 * Math.cos(theta) - x1 * Math.sin(theta));
          x[pos][b] = (float) (x0 * Math.sin(theta) + x1 * Math.cos(theta));
        }
      }
    }
  }

  private float[][] headNorm(float[][] x, float[] weight, int nHeads) {
    float[][] y = new float[x.length][];
    for (int s = 0; s < x.length; s++) {
      y[s] = new float[x[s].length];
      for (int head = 0; head < nHeads; head++) {
        float[] part = Arrays.copyOfRange(x[s], head * hd, (head + 1) * hd);
        float[] normed = norm(new float[][] {part}, weight)[0];
        System.arraycopy(normed, 0, y[s], head * hd, hd);
      }
    }
    return y;
  }

  private float[][] norm(float[][] x, float[] weight) {
    double eps = c.eps();
    float[][] y = new float[x.length][];
    for (int s = 0; s < x.length; s++) {
      double ss = 0;
      for (float v : x[s]) ss += v * v;
      double inv = 1 / Math.sqrt(ss / x[s].length + eps);
      y[s] = new float[x[s].length];
      for (int i = 0; i < x[s].length; i++) y[s][i] = (float) (x[s][i] * inv * weight[i]);
    }
    return y;
  }

  private float[][] linear(float[][] x, String name, int out) throws Exception {
    float[] wt = w(name + ".weight");
    float[] b = has(name + ".bias") ? w(name + ".bias") : null;
    int in = x[0].length;
    float[][] y = new float[x.length][out];
    for (int s = 0; s < x.length; s++) {
      for (int o = 0; o < out; o++) y[s][o] = (float) (dot(x[s], wt, (long) o * in, in) + (b == null ? 0 : b[o]));
    }
    return y;
  }

  private float[] w(String name) throws Exception {
    float[] v = cache.get(name);
    if (v == null) {
      TensorInfo ti = file.tensor(name).orElseThrow(() -> new IllegalArgumentException(arch + ": no tensor " + name));
      v = file.dequantize(ti, Math.toIntExact(ti.elements()));
      cache.put(name, v);
    }
    return v;
  }

  private boolean has(String name) {
    return file.tensor(name).isPresent();
  }

  private static double[] softmax(float[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) max = Math.max(max, v);
    double[] p = new double[z.length];
    double total = 0;
    for (int i = 0; i < z.length; i++) total += p[i] = Math.exp(z[i] - max);
    for (int i = 0; i < z.length; i++) p[i] /= total;
    return p;
  }

  private static float[][] slice(float[][] x, int from, int width) {
    float[][] y = new float[x.length][];
    for (int s = 0; s < x.length; s++) y[s] = Arrays.copyOfRange(x[s], from, from + width);
    return y;
  }

  private static float[][] sum(float[][] a, float[][] b) {
    float[][] y = new float[a.length][];
    for (int s = 0; s < a.length; s++) {
      y[s] = a[s].clone();
      for (int i = 0; i < y[s].length; i++) y[s][i] += b[s][i];
    }
    return y;
  }

  private static void scale(float[] x, float f) {
    for (int i = 0; i < x.length; i++) x[i] *= f;
  }

  private static double dot(float[] x, float[] w, long off, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[i] * w[(int) (off + i)];
    return s;
  }
}
