package org.inferbench.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The gate's statistics reproduce hand-computed medians, exact Mann-Whitney tails and a sane bootstrap interval. */
final class LocalSampleStatisticsTest {
  private final LocalSampleStatistics stats = new LocalSampleStatistics();

  @Test
  void medianInterpolatesBetweenTheMiddleRanks() {
    assertThat(stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(stats.median(new double[] {5, 1, 3})).isEqualTo(3.0);
  }

  @Test
  void exactTailsMatchCountedOrderings() {
    // n = 2 + 2: U takes 0,1,2,3,4 in 1,1,2,1,1 of the 6 orderings
    assertThat(LocalSampleStatistics.exactUpperTail(2, 2, 3)).isCloseTo(2.0 / 6, within(1e-12));
    // complete separation of 3 + 3: one ordering of C(6,3) = 20
    assertThat(stats.mannWhitneyGreaterP(new double[] {4, 5, 6}, new double[] {1, 2, 3}))
        .isCloseTo(1.0 / 20, within(1e-12));
    // 5 + 5 separated: 1/252; reversed direction: certain
    assertThat(stats.mannWhitneyGreaterP(new double[] {6, 7, 8, 9, 10}, new double[] {1, 2, 3, 4, 5}))
        .isCloseTo(1.0 / 252, within(1e-12));
    assertThat(stats.mannWhitneyGreaterP(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}))
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void normalApproximationAgreesWithTheExactTailOnLargerSamples() {
    for (int u : new int[] {200, 260, 300, 340}) {
      assertThat(LocalSampleStatistics.normalUpperTail(20, 20, u, 0))
          .isCloseTo(LocalSampleStatistics.exactUpperTail(20, 20, u), within(0.005));
    }
    // identical samples (all tied) give no evidence
    assertThat(stats.mannWhitneyGreaterP(new double[] {1, 1, 1}, new double[] {1, 1, 1})).isEqualTo(1.0);
  }

  @Test
  void ratioIntervalBracketsTheRatioOfMedians() {
    double[] base = {10, 10.2, 9.9, 10.1, 10.05, 9.95, 10.1, 9.8, 10.3, 10};
    double[] now = new double[base.length];
    for (int i = 0; i < base.length; i++) now[i] = base[(i + 3) % base.length] * 1.2;
    double[] ci = stats.ratioOfMediansCi(now, base);
    assertThat(ci[0]).isLessThan(1.2).isGreaterThan(1.1);
    assertThat(ci[1]).isGreaterThan(1.2).isLessThan(1.3);
  }
}
