package org.inferbench.model.gguf;

import java.util.Random;

/** Seeded test rows: the distributions weights come in, plus the edge cases a block quantizer must survive. */
final class Rows {
  private Rows() {}

  static float[] normal(long seed, int n, double std) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextGaussian() * std);
    }
    return x;
  }

  static float[] uniform(long seed, int n, double lo, double hi) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (lo + (hi - lo) * r.nextDouble());
    }
    return x;
  }

  /** Normal values with whole 256-value stretches zero, constant, all negative, and one large outlier. */
  static float[] awkward(long seed, int n) {
    float[] x = normal(seed, n, 1.0);
    for (int i = 0; i < Math.min(n, 256); i++) {
      x[i] = 0;
    }
    for (int i = 256; i < Math.min(n, 512); i++) {
      x[i] = -0.75f;
    }
    for (int i = 512; i < Math.min(n, 768); i++) {
      x[i] = -Math.abs(x[i]) - 3;
    }
    if (n > 1000) {
      x[1000] = 40;
    }
    return x;
  }
}
