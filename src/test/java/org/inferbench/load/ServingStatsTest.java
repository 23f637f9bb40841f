package org.inferbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.inferbench.stats.BatchMeans;
import org.inferbench.stats.Interval;
import org.inferbench.workload.Slo;
import org.junit.jupiter.api.Test;

/** The serving figures follow METRICS.md exactly on hand-made requests; failures never enter the latencies. */
final class ServingStatsTest {
  private static final long MS = 1_000_000;

  @Test
  void figuresFollowTheDefinitions() {
    // sent at 0: chunks at 100 ms (1 token), 150 ms (3 tokens), 200 ms (1 token)
    RequestTimes a = new RequestTimes(0, 0, new long[] {100 * MS, 150 * MS, 200 * MS}, new int[] {1, 3, 1}, 210 * MS, null,
        37);
    RequestTimes failed = RequestTimes.failed(0, 10 * MS, 20 * MS, "http 500", 12);
    LoadRun run = new LoadRun(new LoadShape.Concurrency(1), List.of(a, failed), List.of());
    ServingStats s = ServingStats.of(run, Slo.parse("ttft=150ms,tpot=30ms"));
    assertThat(s.completed()).isEqualTo(1);
    assertThat(s.errors()).containsEntry("http 500", 1);
    assertThat(s.ttftMs()).containsExactly(100.0);
    assertThat(s.e2eMs()).containsExactly(200.0);
    assertThat(s.tpotMs()[0]).isCloseTo(25.0, Offset.offset(1e-9)); // (200 − 100) / (5 − 1)
    // gaps: 50 once and two zeros for the 3-token chunk, then 50
    assertThat(s.itlMs()).containsExactly(50.0, 0.0, 0.0, 50.0);
    assertThat(s.outputTokens()).isEqualTo(5);
    assertThat(s.promptTokens()).as("the completed request's prompt only").isEqualTo(37);
    // window: first send (0) to last end (210 ms)
    assertThat(s.windowS()).isCloseTo(0.21, Offset.offset(1e-9));
    assertThat(s.totalTokensPerS()).as("(prompt + output) tokens ÷ window").isCloseTo(42 / 0.21, Offset.offset(1e-9));
    assertThat(s.goodShare()).isEqualTo(0.5); // the failed request counts against it
    assertThat(ServingStats.of(run, Slo.parse("ttft=99ms")).goodputPerS()).isZero();
  }

  @Test
  void batchMeansWidenTheIntervalWhenRequestsMoveTogether() {
    // 200 values in 10 slow and fast stretches of 20: neighbours are alike, as under load
    double[] v = new double[200];
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < v.length; i++) v[i] = ((i / 20) % 2 == 0 ? 100 : 120) + r.nextGaussian();
    Interval batch = BatchMeans.ci95(v);
    double iidHalf = org.inferbench.stats.StudentT.halfWidth(v, 0.95);
    assertThat((batch.high() - batch.low()) / 2).isGreaterThan(2 * iidHalf);
    assertThat(batch.low()).isLessThan(110).isGreaterThan(100);
    assertThat(BatchMeans.ci95(new double[9])).isNull();
  }

  @Test
  void sloTextIsCheckedField() {
    assertThat(Slo.parse("ttft=500ms, tpot=50ms").ttftMs()).isEqualTo(500.0);
    assertThat(Slo.parse("e2e=2s").e2eMs()).isEqualTo(2000.0);
    assertThatThrownBy(() -> Slo.parse("latency=5")).hasMessageStartingWith("--slo: expected ttft=D");
  }
}
