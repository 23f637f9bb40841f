package org.inferbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * A ramp-up's schedule has its shape: closed-loop streams start at i·T/c; an open loop's rate rises linearly from 0,
 * so the first half of the ramp holds a quarter of its requests, and after it the steady process goes on unchanged.
 */
final class RampUpTest {
  private static int below(double[] t, double limit) {
    int n = 0;
    while (n < t.length && t[n] < limit) n++;
    return n;
  }

  @Test
  void closedLoopStreamsStartEvenlySpreadOverTheRamp() {
    RampUp ramp = new RampUp(10);
    assertThat(new double[] {ramp.streamStartS(0, 4), ramp.streamStartS(1, 4), ramp.streamStartS(2, 4),
        ramp.streamStartS(3, 4)}).containsExactly(0, 2.5, 5, 7.5);
    assertThat(RampUp.NONE.streamStartS(3, 4)).isZero();
  }

  @Test
  void anOpenLoopRampHoldsAQuarterOfItsRequestsInItsFirstHalf() {
    double rate = 20;
    double seconds = 100;
    for (Arrival a : Arrival.values()) {
      double[] t = new RampUp(seconds).offsets(a, rate, 0.5, 50, 3);
      int ramp = below(t, seconds);
      // the integrated rate R·T/2 over the ramp, R·T/8 over its first half
      assertThat((double) ramp).as("%s: requests in the ramp", a).isCloseTo(rate * seconds / 2, within(100.0));
      assertThat((double) below(t, seconds / 2) / ramp).as("%s: share in the first half", a).isCloseTo(0.25, within(0.04));
      assertThat(t.length).as("%s: the measured requests follow the ramp", a).isEqualTo(ramp + 50);
      assertThat(t).isSorted();
    }
    // constant arrivals: the quarters of the ramp hold 1, 3, 5 and 7 sixteenths, as a linear rate gives (a ramp a
    // little short of 100 s, so that no send falls on its end, where rounding would decide)
    double t99 = 99.99;
    double[] c = new RampUp(t99).offsets(Arrival.CONSTANT, rate, 1, 0, 3);
    assertThat(c).hasSize(1000);
    for (int q = 1; q <= 4; q++) {
      int inQuarter = below(c, t99 * q / 4) - below(c, t99 * (q - 1) / 4);
      assertThat(inQuarter).as("quarter %d", q).isBetween(1000 * (2 * q - 1) / 16 - 1, 1000 * (2 * q - 1) / 16 + 1);
    }
  }

  @Test
  void afterTheRampTheSteadyProcessGoesOnAndWithoutOneNothingChanges() {
    double[] steady = Arrival.POISSON.offsets(400, 20, 1, 9);
    double[] ramped = new RampUp(10).offsets(Arrival.POISSON, 20, 1, 100, 9);
    int ramp = below(ramped, 10);
    // the same draws: after the ramp each send is the steady one's, T/2 later (the ramp sent R·T/2 instead of R·T)
    for (int i = ramp; i < ramped.length; i++) assertThat(ramped[i]).isCloseTo(steady[i] + 5, within(1e-9));
    assertThat(RampUp.NONE.offsets(Arrival.POISSON, 20, 1, 400, 9)).containsExactly(steady);
    assertThat(Arrival.POISSON.offsets(50, 20, 1, 9)).containsExactly(java.util.Arrays.copyOf(steady, 50));
  }

  @Test
  void anInfiniteRateCannotRampUp() {
    assertThatThrownBy(() -> new LoadShape.Rate(Double.POSITIVE_INFINITY, Arrival.POISSON, 1, 0, 1, new RampUp(5)))
        .hasMessage("--ramp-up: needs a finite --request-rate (inf sends every request at once)");
    assertThatThrownBy(() -> new RampUp(-1)).hasMessage("--ramp-up: expected a duration of 0 or more, got -1.0");
  }
}
