package org.inferbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Holm's adjusted p-values equal R's p.adjust(p, "holm"), in the input's order. */
final class HolmTest {
  @Test
  void matchesRsPAdjust() {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
    assertThat(Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}))
        .containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
    // capped at 1, and never below an earlier step: p.adjust(c(0.5, 0.6, 0.001), "holm") = 1 1 0.003
    assertThat(Holm.adjust(new double[] {0.5, 0.6, 0.001}))
        .containsExactly(new double[] {1, 1, 0.003}, within(1e-12));
    assertThat(Holm.adjust(new double[] {0.2})).containsExactly(0.2);
    assertThat(Holm.adjust(new double[0])).isEmpty();
  }

  @Test
  void rejectsWhatIsNotAPValue() {
    assertThatThrownBy(() -> Holm.adjust(new double[] {0.1, Double.NaN})).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> Holm.adjust(new double[] {1.5})).hasMessageContaining("1.5");
  }
}
