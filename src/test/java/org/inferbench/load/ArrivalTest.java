package org.inferbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every arrival process keeps the mean rate; its gaps' spread is what the process says; seeds reproduce. */
final class ArrivalTest {
  private static double[] gaps(Arrival a, double burstiness) {
    double[] t = a.offsets(20_001, 10, burstiness, 7);
    double[] g = new double[t.length - 1];
    for (int i = 0; i < g.length; i++) g[i] = t[i + 1] - t[i];
    return g;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s / v.length;
  }

  private static double cv(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return Math.sqrt(s / (v.length - 1)) / m;
  }

  @Test
  void meanGapIsOneOverTheRateAndTheSpreadIsTheProcesss() {
    assertThat(mean(gaps(Arrival.CONSTANT, 1))).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(cv(gaps(Arrival.CONSTANT, 1))).isLessThan(1e-6);
    assertThat(mean(gaps(Arrival.POISSON, 1))).isBetween(0.097, 0.103);
    assertThat(cv(gaps(Arrival.POISSON, 1))).isBetween(0.97, 1.03);
    // gamma: CV = 1/√burstiness, the mean kept
    assertThat(mean(gaps(Arrival.GAMMA, 0.25))).isBetween(0.095, 0.105);
    assertThat(cv(gaps(Arrival.GAMMA, 0.25))).isBetween(1.9, 2.1);
    assertThat(cv(gaps(Arrival.GAMMA, 4))).isBetween(0.48, 0.52);
    assertThat(Arrival.POISSON.offsets(10, 3, 1, 5)).containsExactly(Arrival.POISSON.offsets(10, 3, 1, 5));
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> Arrival.parse("--arrival", "bursty")).hasMessage(
        "--arrival: expected constant, poisson or gamma, got 'bursty'");
    assertThatThrownBy(() -> new LoadShape.Rate(0, Arrival.POISSON, 1, 0, 1)).hasMessageContaining("--request-rate");
    assertThatThrownBy(() -> new LoadShape.Concurrency(0)).hasMessageContaining("--concurrency");
  }
}
