package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.inferbench.workload.RunParams;
import org.junit.jupiter.api.Test;

/** When measuring stops, from given samples and elapsed times: no clock involved. */
final class StopRuleTest {
  private static RunParams fixed(int runs) {
    return new RunParams(2, runs, null, 5, 200, 120, null, 42, null, null, false, false, "sequential", "process", null,
        null, null, null, null, null, null);
  }

  private static RunParams adaptive(double targetPct, int min, int max, double maxTimeS) {
    return new RunParams(2, null, targetPct, min, max, maxTimeS, null, 42, null, null, false, false, "sequential",
        "process", null, null, null, null, null, null, null);
  }

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aFixedCountStopsExactlyThere() {
    double[] h = {10, 50, 10, 50, 10};
    assertThat(StopRule.check(fixed(5), h, 4, 0)).isNull();
    assertThat(StopRule.check(fixed(5), h, 5, 0)).isEqualTo("fixed-runs");
    assertThat(StopRule.check(fixed(5), h, 4, 1000 * SECOND)).as("a fixed count ignores time").isNull();
  }

  @Test
  void adaptiveStopsWhenTheIntervalIsWithinTheTargetButNotBeforeMinRuns() {
    double[] tight = {100, 100.1, 99.9, 100, 100.05, 99.95};
    assertThat(StopRule.check(adaptive(1, 5, 200, 120), tight, 4, SECOND)).as("below min-runs").isNull();
    assertThat(StopRule.check(adaptive(1, 5, 200, 120), tight, 5, SECOND)).isEqualTo("target-ci");
    double[] loose = {100, 140, 60, 120, 80};
    assertThat(StopRule.check(adaptive(1, 5, 200, 120), loose, 5, SECOND)).isNull();
  }

  @Test
  void maxRunsAndMaxTimeEndANoisyConfiguration() {
    double[] loose = new double[300];
    for (int i = 0; i < loose.length; i++) loose[i] = i % 2 == 0 ? 60 : 140;
    assertThat(StopRule.check(adaptive(1, 5, 20, 120), loose, 20, SECOND)).isEqualTo("max-runs");
    assertThat(StopRule.check(adaptive(1, 5, 200, 10), loose, 7, 10 * SECOND)).isEqualTo("max-time");
    assertThat(StopRule.check(adaptive(1, 5, 200, 10), loose, 1, 10 * SECOND))
        .as("max-time needs two samples for any interval").isNull();
  }
}
