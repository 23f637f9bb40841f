package org.inferbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * One-sided p-values equal scipy.stats.mannwhitneyu's on the side of the alternative (exact for small samples
 * without ties, normal approximation with tie and continuity corrections otherwise) and are >= 1/2 on the other.
 */
final class MannWhitneyTest {
  @Test
  void exactSmallSamples() {
    double[] low = {1, 2, 3, 4, 5};
    double[] high = {6, 7, 8, 9, 10};
    assertThat(MannWhitney.oneSidedP(low, high, false)).isCloseTo(0.003968253968253968, within(1e-12));
    assertThat(MannWhitney.oneSidedP(high, low, true)).isCloseTo(0.003968253968253968, within(1e-12));
    assertThat(MannWhitney.oneSidedP(low, high, true)).isGreaterThan(0.99);

    double[] a = {1.1, 2.5, 3.3, 4.7, 6.2, 8.1};
    double[] b = {2.0, 5.5, 7.4, 9.9, 10.3, 11.8, 12.5};
    assertThat(MannWhitney.oneSidedP(a, b, false)).isCloseTo(0.03671328671328671, within(1e-12));
    assertThat(MannWhitney.oneSidedP(a, b, true)).isGreaterThan(0.5);
  }

  @Test
  void twoSidedIsTwiceTheSmallerTail() {
    double[] low = {1, 2, 3, 4, 5};
    double[] high = {6, 7, 8, 9, 10};
    // scipy.stats.mannwhitneyu(low, high, alternative="two-sided").pvalue
    assertThat(MannWhitney.twoSidedP(low, high)).isCloseTo(0.007936507936507936, within(1e-12));
    assertThat(MannWhitney.twoSidedP(high, low)).isCloseTo(0.007936507936507936, within(1e-12));
    assertThat(MannWhitney.twoSidedP(low, low.clone())).isEqualTo(1.0);
  }

  @Test
  void normalApproximationWithTies() {
    double[] a = {10.3, 10.8, 10.3, 8.7, 10.9, 10.4, 9.5, 10.6, 10.4, 10.3, 10.0, 10.5, 9.3, 9.8, 9.5, 10.6, 10.0,
        9.7, 9.2, 9.7, 10.0, 9.7, 11.3, 11.0, 7.3, 8.1, 9.8, 9.6, 10.2, 10.2};
    double[] b = {12.9, 9.7, 10.4, 12.8, 11.4, 11.5, 10.3, 9.2, 11.0, 10.9, 9.6, 10.1, 10.7, 9.9, 10.7, 10.9, 10.8,
        10.3, 11.4, 11.7, 11.1, 10.0, 11.5, 10.3, 11.7};
    assertThat(MannWhitney.oneSidedP(a, b, false)).isCloseTo(0.0003556324841135901, within(1e-9));
    assertThat(MannWhitney.oneSidedP(b, a, true)).isCloseTo(0.0003556324841135901, within(1e-9));
    assertThat(MannWhitney.oneSidedP(a, b, true)).isGreaterThan(0.99);
  }

  @Test
  void balancedSamplesGiveOneHalf() {
    // U_a = n_a n_b / 2 exactly: no evidence either way
    assertThat(MannWhitney.oneSidedP(new double[] {1, 4}, new double[] {2, 3}, true)).isEqualTo(0.5);
    assertThat(MannWhitney.oneSidedP(new double[] {1, 4}, new double[] {2, 3}, false)).isEqualTo(0.5);
  }

  @Test
  void largeSamplesStayFast() {
    double[] a = new double[15];
    double[] b = new double[15];
    for (int i = 0; i < 15; i++) {
      a[i] = 2 * i;
      b[i] = 2 * i + 1;
    }
    assertThat(MannWhitney.oneSidedP(a, b, false)).isBetween(0.3, 0.6);
    // 10 + 10 is still computed exactly; interleaved values put U just below the centre
    double[] c = new double[10];
    double[] d = new double[10];
    for (int i = 0; i < 10; i++) {
      c[i] = 2 * i;
      d[i] = 2 * i + 1;
    }
    assertThat(MannWhitney.oneSidedP(c, d, false)).isCloseTo(0.36968217540972964, within(1e-12));
  }
}
