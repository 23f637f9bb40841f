package org.inferbench.baseline;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Mann-Whitney U (exact distribution for small tie-free samples, else the normal approximation with tie and
 * continuity corrections) and a fixed-seed percentile bootstrap of 2,000 resamples, as METRICS.md prescribes.
 */
final class LocalSampleStatistics implements SampleStatistics {
  static final int RESAMPLES = 2_000;
  static final long SEED = 20_240_601L;
  /** Beyond this size per side the exact U distribution table grows large; the normal approximation is good. */
  private static final int EXACT_MAX = 25;
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

  @Override
  public double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return quantileSorted(s, 0.5);
  }

  /** linear interpolation between the closest ranks, h = (n − 1)·q. */
  static double quantileSorted(double[] sorted, double q) {
    if (sorted.length == 0) throw new IllegalArgumentException("samples: expected at least one value, got none");
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  @Override
  public double mannWhitneyGreaterP(double[] greater, double[] other) {
    int n1 = greater.length;
    int n2 = other.length;
    if (n1 == 0 || n2 == 0) throw new IllegalArgumentException("samples: expected both sides non-empty");
    double u = 0;
    for (double x : greater) {
      for (double y : other) {
        if (x > y) u += 1;
        else if (x == y) u += 0.5;
      }
    }
    double[] pooled = new double[n1 + n2];
    System.arraycopy(greater, 0, pooled, 0, n1);
    System.arraycopy(other, 0, pooled, n1, n2);
    Arrays.sort(pooled);
    double tieSum = 0;
    for (int i = 0; i < pooled.length; ) {
      int j = i;
      while (j < pooled.length && pooled[j] == pooled[i]) j++;
      long t = j - i;
      tieSum += (double) t * t * t - t;
      i = j;
    }
    if (tieSum == 0 && n1 <= EXACT_MAX && n2 <= EXACT_MAX) {
      return exactUpperTail(n1, n2, (int) Math.round(u));
    }
    return normalUpperTail(n1, n2, u, tieSum);
  }

  /** P(U ≥ u) by the normal approximation, with continuity correction and the tie term Σ(t³ − t). */
  static double normalUpperTail(int n1, int n2, double u, double tieSum) {
    double n = n1 + n2;
    double mean = n1 * (double) n2 / 2;
    double variance = n1 * (double) n2 / 12 * ((n + 1) - tieSum / (n * (n - 1)));
    if (variance <= 0) return 1.0; // every value equal: no evidence either way
    double z = (u - mean - 0.5) / Math.sqrt(variance);
    return 1 - STANDARD_NORMAL.cumulativeProbability(z);
  }

  /** P(U ≥ u) under the null, from the count of orderings giving each U: c(m,n,k) = c(m−1,n,k−n) + c(m,n−1,k). */
  static double exactUpperTail(int n1, int n2, int u) {
    // counts[j][k]: orderings of i values of the first sample and j of the second with U = k, built up over i
    double[][] counts = new double[n2 + 1][];
    for (int j = 0; j <= n2; j++) {
      counts[j] = new double[1];
      counts[j][0] = 1; // i = 0: one ordering, U = 0
    }
    for (int i = 1; i <= n1; i++) {
      double[][] next = new double[n2 + 1][];
      for (int j = 0; j <= n2; j++) {
        next[j] = new double[i * j + 1];
        // last value from the first sample: it exceeds all j of the second, adding j to U
        double[] fromFirst = counts[j];
        for (int k = 0; k < fromFirst.length; k++) next[j][k + j] += fromFirst[k];
        if (j > 0) {
          double[] fromSecond = next[j - 1];
          for (int k = 0; k < fromSecond.length; k++) next[j][k] += fromSecond[k];
        }
      }
      counts = next;
    }
    double[] dist = counts[n2];
    double total = 0;
    double tail = 0;
    for (int k = 0; k < dist.length; k++) {
      total += dist[k];
      if (k >= u) tail += dist[k];
    }
    return tail / total;
  }

  @Override
  public double[] ratioOfMediansCi(double[] numerator, double[] denominator) {
    SplittableRandom random = new SplittableRandom(SEED);
    double[] ratios = new double[RESAMPLES];
    double[] a = new double[numerator.length];
    double[] b = new double[denominator.length];
    for (int r = 0; r < RESAMPLES; r++) {
      for (int i = 0; i < a.length; i++) a[i] = numerator[random.nextInt(numerator.length)];
      for (int i = 0; i < b.length; i++) b[i] = denominator[random.nextInt(denominator.length)];
      Arrays.sort(a);
      Arrays.sort(b);
      ratios[r] = quantileSorted(a, 0.5) / quantileSorted(b, 0.5);
    }
    Arrays.sort(ratios);
    return new double[] {quantileSorted(ratios, 0.025), quantileSorted(ratios, 0.975)};
  }
}
