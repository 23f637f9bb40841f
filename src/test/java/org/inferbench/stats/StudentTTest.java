package org.inferbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The t half-width equals t.ppf((1+c)/2, n-1) * s / sqrt(n) (values from scipy) and is infinite below two samples. */
final class StudentTTest {
  @Test
  void matchesScipy() {
    assertThat(StudentT.halfWidth(new double[] {1, 2, 3, 4, 5}, 0.95)).isCloseTo(1.9632431614775572, within(1e-9));
    double[] zeroToNine = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    assertThat(StudentT.halfWidth(zeroToNine, 0.90)).isCloseTo(1.7550720133038, within(1e-9));
    assertThat(StudentT.relativeHalfWidth(zeroToNine, 0.90)).isCloseTo(1.7550720133038 / 4.5, within(1e-9));
  }

  @Test
  void tooFewSamplesGiveInfiniteWidth() {
    assertThat(StudentT.halfWidth(new double[] {3}, 0.95)).isInfinite();
    assertThat(StudentT.halfWidth(new double[0], 0.95)).isInfinite();
    assertThat(StudentT.halfWidth(new double[] {3, 3, 3}, 0.95)).isZero();
  }
}
