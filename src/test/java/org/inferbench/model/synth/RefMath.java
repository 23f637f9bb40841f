package org.inferbench.model.synth;

/** Plain-Java tensor arithmetic for the reference forward passes (row-major, one sequence at a time). */
final class RefMath {
  private RefMath() {}

  /** A [rows, cols] view of a flat row-major weight. */
  static float[][] matrix(float[] flat, int rows, int cols) {
    float[][] m = new float[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, m[r], 0, cols);
    }
    return m;
  }

  /** x [n, in] times w [in, out] (flat) plus optional bias. */
  static float[][] linear(float[][] x, float[] w, float[] bias, int out) {
    int in = x[0].length;
    float[][] y = new float[x.length][out];
    for (int r = 0; r < x.length; r++) {
      for (int o = 0; o < out; o++) {
        double s = bias == null ? 0 : bias[o];
        for (int i = 0; i < in; i++) {
          s += x[r][i] * w[i * out + o];
        }
        y[r][o] = (float) s;
      }
    }
    return y;
  }

  static float[][] layerNorm(float[][] x, float[] w, float[] b, double eps) {
    float[][] y = new float[x.length][];
    for (int r = 0; r < x.length; r++) {
      int n = x[r].length;
      double mean = 0;
      for (float v : x[r]) {
        mean += v;
      }
      mean /= n;
      double var = 0;
      for (float v : x[r]) {
        var += (v - mean) * (v - mean);
      }
      var /= n;
      y[r] = new float[n];
      for (int i = 0; i < n; i++) {
        y[r][i] = (float) ((x[r][i] - mean) / Math.sqrt(var + eps) * w[i] + (b == null ? 0 : b[i]));
      }
    }
    return y;
  }

  static float[][] add(float[][] a, float[][] b) {
    float[][] y = new float[a.length][a[0].length];
    for (int r = 0; r < a.length; r++) {
      for (int i = 0; i < a[0].length; i++) {
        y[r][i] = a[r][i] + b[r][i];
      }
    }
    return y;
  }

  static float[][] map(float[][] x, java.util.function.DoubleUnaryOperator f) {
    float[][] y = new float[x.length][x[0].length];
    for (int r = 0; r < x.length; r++) {
      for (int i = 0; i < x[0].length; i++) {
        y[r][i] = (float) f.applyAsDouble(x[r][i]);
      }
    }
    return y;
  }

  static double geluErf(double x) {
    return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
  }

  static double geluTanh(double x) {
    return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
  }

  /** erf to ~1e-7 (Abramowitz-Stegun 7.1.26 is too coarse; use the series/continued fraction split). */
  static double erf(double x) {
    double ax = Math.abs(x);
    double r;
    if (ax < 2.5) {
      double sum = ax;
      double term = ax;
      for (int n = 1; n < 60; n++) {
        term *= -ax * ax / n;
        sum += term / (2 * n + 1);
      }
      r = 2 / Math.sqrt(Math.PI) * sum;
    } else {
      // continued fraction for erfc
      double f = 0;
      for (int n = 60; n >= 1; n--) {
        f = n / 2.0 / (ax + f);
      }
      r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
    }
    return x < 0 ? -r : r;
  }

  /** Columns [head*d, (head+1)*d) of x, as [n, d]. */
  static float[][] head(float[][] x, int head, int d, int offset) {
    float[][] y = new float[x.length][d];
    for (int r = 0; r < x.length; r++) {
      System.arraycopy(x[r], offset + head * d, y[r], 0, d);
    }
    return y;
  }

  /**
   * softmax(q k^T * scale + bias) v for one head; {@code allowed[i][j]} false masks key j for query i;
   * {@code bias} may be null.
   */
  static float[][] attend(float[][] q, float[][] k, float[][] v, double scale, boolean[][] allowed, float[][] bias) {
    int n = q.length;
    int m = k.length;
    int d = v[0].length;
    float[][] out = new float[n][d];
    for (int i = 0; i < n; i++) {
      double[] s = new double[m];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < m; j++) {
        if (!allowed[i][j]) {
          s[j] = Double.NEGATIVE_INFINITY;
          continue;
        }
        double dot = 0;
        for (int t = 0; t < q[i].length; t++) {
          dot += q[i][t] * k[j][t];
        }
        s[j] = dot * scale + (bias == null ? 0 : bias[i][j]);
        max = Math.max(max, s[j]);
      }
      double z = 0;
      for (int j = 0; j < m; j++) {
        s[j] = s[j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(s[j] - max);
        z += s[j];
      }
      for (int j = 0; j < m; j++) {
        for (int t = 0; t < d; t++) {
          out[i][t] += (float) (s[j] / z * v[j][t]);
        }
      }
    }
    return out;
  }

  /** Writes a head's [n, d] result into columns of y. */
  static void put(float[][] y, float[][] part, int head, int d) {
    for (int r = 0; r < y.length; r++) {
      System.arraycopy(part[r], 0, y[r], head * d, d);
    }
  }

  static float[][] concatRows(float[][] a, float[][] b) {
    float[][] y = new float[a.length + b.length][];
    System.arraycopy(a, 0, y, 0, a.length);
    System.arraycopy(b, 0, y, a.length, b.length);
    return y;
  }

  static float[] flatten(float[][] x) {
    float[] y = new float[x.length * x[0].length];
    for (int r = 0; r < x.length; r++) {
      System.arraycopy(x[r], 0, y, r * x[0].length, x[0].length);
    }
    return y;
  }

  static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
