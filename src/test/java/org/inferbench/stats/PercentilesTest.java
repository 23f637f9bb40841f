package org.inferbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Percentiles equal numpy.percentile's default (linear, R-7) for the same samples; expected values from numpy. */
final class PercentilesTest {
  private static final double EPS = 1e-12;

  @Test
  void matchesNumpyLinearInterpolation() {
    assertThat(Percentiles.of(new double[] {1, 2, 3, 4}, 90)).isCloseTo(3.7, within(EPS));
    double[] five = {15, 20, 35, 40, 50};
    assertThat(Percentiles.of(five, 40)).isCloseTo(29.0, within(EPS));
    assertThat(Percentiles.of(five, 5)).isCloseTo(16.0, within(EPS));
    assertThat(Percentiles.of(five, 50)).isCloseTo(35.0, within(EPS));
    assertThat(Percentiles.of(five, 99)).isCloseTo(49.6, within(EPS));
    assertThat(Percentiles.of(five, 100)).isEqualTo(50.0);
    assertThat(Percentiles.of(new double[] {1, 2, 3, 4, 5}, 95)).isCloseTo(4.8, within(EPS));
  }

  @Test
  void orderOfInputDoesNotMatterAndInputIsUntouched() {
    double[] shuffled = {40, 15, 50, 20, 35};
    assertThat(Percentiles.of(shuffled, 40)).isCloseTo(29.0, within(EPS));
    assertThat(shuffled).containsExactly(40, 15, 50, 20, 35);
  }

  @Test
  void medianOfEvenCountIsMeanOfMiddlePair() {
    assertThat(Percentiles.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Percentiles.median(new double[] {7})).isEqualTo(7);
  }

  @Test
  void rejectsBadInputWithOneLineMessage() {
    assertThatThrownBy(() -> Percentiles.of(new double[] {1, 2}, 0)).hasMessageContaining("(0, 100]");
    assertThatThrownBy(() -> Percentiles.of(new double[] {1, 2}, 100.5)).hasMessageContaining("(0, 100]");
    assertThatThrownBy(() -> Percentiles.of(new double[0], 50)).hasMessageContaining("at least one sample");
    assertThatThrownBy(() -> Percentiles.of(new double[] {1, Double.NaN}, 50)).hasMessageContaining("index 1");
  }
}
