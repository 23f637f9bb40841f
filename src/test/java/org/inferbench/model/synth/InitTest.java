package org.inferbench.model.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A centred normal weight maps a constant input to zero (each column sums to 0) and keeps about its std. */
final class InitTest {
  @Test
  void centredNormalColumnsSumToZero() {
    int rows = 3072;
    int columns = 48;
    float[] w = new Init.CenteredNormal(0.5, columns).materialise(7, "mlp.c_proj.weight", rows * columns);
    double sumSq = 0;
    for (int j = 0; j < columns; j++) {
      double sum = 0;
      for (int r = 0; r < rows; r++) {
        sum += w[r * columns + j];
        sumSq += w[r * columns + j] * w[r * columns + j];
      }
      assertThat(sum).as("column %d", j).isCloseTo(0, within(1e-3));
    }
    assertThat(Math.sqrt(sumSq / w.length)).isCloseTo(0.5, within(0.01));
    assertThat(new Init.CenteredNormal(0.5, columns).materialise(7, "mlp.c_proj.weight", rows * columns))
        .containsExactly(w);
  }
}
