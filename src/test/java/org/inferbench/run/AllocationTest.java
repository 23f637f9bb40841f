package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The budget's next request goes where the CI is furthest from target, but never to a point that starves others. */
final class AllocationTest {
  private static Allocation.Point p(int id, int n, double ratio, double secondsPerRequest) {
    return new Allocation.Point(id, n, ratio, secondsPerRequest, 200);
  }

  @Test
  void theWidestCiGetsTheNextRequestWhenAllFit() {
    // needs: 0 → 2 runs, 1 → 20 runs; 10 ms each: 0.22 s in all, 10 s left
    assertThat(Allocation.next(List.of(p(0, 5, 1.2, 0.01), p(1, 5, 3, 0.01)), 10)).isEqualTo(1);
  }

  @Test
  void aPointWhoseNeedCrowdsOutAnotherWaitsForIt() {
    // 1 needs 20 runs × 0.1 s = 2 s, 0 needs 2 × 0.1 s; 2.1 s left: both cannot, the smaller need goes first
    assertThat(Allocation.next(List.of(p(0, 5, 1.2, 0.1), p(1, 5, 3, 0.1)), 2.1)).isEqualTo(0);
    assertThat(Allocation.next(List.of(p(0, 5, 1.2, 0.1), p(1, 5, 3, 0.1)), 2.3)).isEqualTo(1);
  }

  @Test
  void aPointThatCannotReachItsTargetIsSetAsideWhileAnotherCan() {
    // 1 needs 20 runs × 1 s, 2 s left: hopeless; 0 needs 0.2 s
    assertThat(Allocation.next(List.of(p(0, 5, 1.2, 0.1), p(1, 5, 3, 1)), 2)).isEqualTo(0);
    // a need beyond max-runs is hopeless too, whatever the time
    Allocation.Point capped = new Allocation.Point(1, 5, 10, 0.001, 100);
    assertThat(Allocation.next(List.of(p(0, 5, 1.1, 0.1), capped), 1000)).isEqualTo(0);
  }

  @Test
  void whenNoPointCanReachItsTargetTheWidestCiTakesWhatIsLeft() {
    assertThat(Allocation.next(List.of(p(0, 5, 4, 1), p(1, 5, 6, 1)), 2)).isEqualTo(1);
    assertThat(Allocation.next(List.of(), 2)).isEqualTo(-1);
  }

  @Test
  void needFollowsStudentsTOverTheSquareRootOfTheCount() {
    // at 10 runs the half-width is 2× the target: t(9)·s/√10 = 2 → s = 2.80; t(32)·s/√33 = 0.99 ≤ 1, 32 runs not
    assertThat(p(0, 10, 2, 0.5).runsNeeded()).isEqualTo(23);
    assertThat(p(0, 10, 2, 0.5).secondsNeeded()).isEqualTo(11.5);
    // at 3 runs t is large: 1.2× the target takes 1 more run, not the 2 that n·r² gives
    assertThat(p(0, 3, 1.2, 0.5).runsNeeded()).isEqualTo(1);
    assertThat(p(0, 10, Double.NaN, 0.5).runsNeeded()).isEqualTo(1);
  }
}
