package org.inferbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The knee is where the worst p99/objective ratio crosses 1, interpolated, its CI from the ratios' bounds; never extrapolated. */
final class SloKneeTest {
  private static SloKnee.Point p(double load, double ratio) {
    return new SloKnee.Point(load, ratio, ratio * 0.9, ratio * 1.1);
  }

  @Test
  void crossingIsInterpolatedWithItsInterval() {
    // ratio 0.5 at 4, 1.5 at 8: crosses 1 half way, at 6
    SloKnee.Knee k = SloKnee.of(List.of(p(8, 1.5), p(1, 0.2), p(4, 0.5))).orElseThrow();
    assertThat(k.load()).isCloseTo(6, Offset.offset(1e-9));
    assertThat(k.low()).isLessThan(6);
    assertThat(k.high()).isGreaterThan(6);
  }

  @Test
  void noKneeOutsideThePoints() {
    assertThat(SloKnee.of(List.of(p(1, 0.2), p(2, 0.4)))).isEmpty(); // every load meets them
    assertThat(SloKnee.of(List.of(p(1, 1.2), p(2, 2.0)))).isEmpty(); // none does
  }
}
