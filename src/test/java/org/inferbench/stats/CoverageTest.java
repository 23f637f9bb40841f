package org.inferbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Coverage counts the runs whose interval holds the mean of the other runs (not their own, not all of them). */
final class CoverageTest {
  @Test
  void countsRunsWhoseIntervalHoldsTheOthersMean() {
    double[] means = {10, 11, 12, 20};
    // others' means: 14.33, 14, 13.67, 11
    Interval[] ci = {new Interval(9, 15), new Interval(10.5, 11.5), new Interval(13, 14), new Interval(10, 30)};
    assertThat(Coverage.hits(means, ci)).isEqualTo(3);
    assertThat(Coverage.hits(means, new Interval[] {null, null, null, null})).isZero();
    assertThatThrownBy(() -> Coverage.hits(new double[] {1}, new Interval[1])).hasMessageContaining("2 or more runs");
  }
}
