package org.inferbench.stats;

import org.hipparchus.stat.inference.MannWhitneyUTest;
import org.hipparchus.stat.ranking.NaNStrategy;
import org.hipparchus.stat.ranking.NaturalRanking;
import org.hipparchus.stat.ranking.TiesStrategy;

/**
 * One- and two-sided Mann-Whitney U (Wilcoxon rank-sum) test: does one sample tend to hold larger values than
 * the other? No assumption of normality, which latency distributions (long right tails) rarely meet.
 */
public final class MannWhitney {
  /**
   * Hipparchus computes the exact null distribution by an unmemoised recursion whose cost grows combinatorially
   * with the sample sizes; above this combined size its normal approximation (tie-corrected, with continuity
   * correction) is used instead, which is accurate there.
   */
  static final int EXACT_MAX_TOTAL = 20;

  private MannWhitney() {}

  /**
   * The p-value of H1 "a tends to be greater than b" ({@code greater = true}) or "a tends to be less than b"
   * ({@code greater = false}) against H0 "same distribution".
   *
   * <p>Hipparchus's {@link MannWhitneyUTest} only reports two-sided p-values, computed from min(U_a, U_b). The
   * null distribution of U_a is symmetric about n_a * n_b / 2 (exactly, and in the normal approximation), so
   * the two-sided p-value is twice the tail beyond the observed U on the side where it fell. Hence, with
   * U_a from the ranks: when U_a lies on the side of the alternative, the one-sided p-value is half the
   * two-sided one; when it lies on the other side (or at the centre), the one-sided p is at least 1/2, and
   * 1 - p2/2 is used (it differs from the strict tail by at most the probability of the observed U, i.e. only
   * among large p-values, where the test never decides anything). At the centre the two-sided p is 1 by
   * definition; it is not asked from Hipparchus there, whose exact branch mishandles U = n_a * n_b / 2.
   */
  public static double oneSidedP(double[] a, double[] b, boolean greater) {
    Samples.requireNonEmpty("mann-whitney (first sample)", a);
    Samples.requireNonEmpty("mann-whitney (second sample)", b);
    double centre = (double) a.length * b.length / 2;
    double uA = uOfFirst(a, b);
    boolean onAlternativeSide = greater ? uA > centre : uA < centre;
    if (uA == centre) return 0.5; // 1 - p2 / 2 with p2 = 1
    MannWhitneyUTest test = new MannWhitneyUTest();
    double twoSided = a.length + b.length <= EXACT_MAX_TOTAL
        ? test.mannWhitneyUTest(a, b)
        : test.mannWhitneyUTest(a, b, false);
    twoSided = Math.min(1, twoSided);
    return onAlternativeSide ? twoSided / 2 : 1 - twoSided / 2;
  }

  /**
   * The two-sided p-value of H1 "the samples differ in location": twice the smaller one-sided p-value, capped at 1.
   */
  public static double twoSidedP(double[] a, double[] b) {
    return Math.min(1, 2 * Math.min(oneSidedP(a, b, true), oneSidedP(a, b, false)));
  }

  /** U of the first sample: its rank sum (average ranks for ties) less n_a (n_a + 1) / 2. */
  static double uOfFirst(double[] a, double[] b) {
    double[] both = new double[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(both);
    double rankSum = 0;
    for (int i = 0; i < a.length; i++) rankSum += ranks[i];
    return rankSum - (double) a.length * (a.length + 1) / 2;
  }
}
