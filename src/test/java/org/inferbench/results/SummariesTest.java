package org.inferbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A summary holds numpy-equal moments and percentiles, sample std (n - 1), and intervals around the estimates. */
final class SummariesTest {
  private static final double EPS = 1e-12;

  @Test
  void summarisesSamples() {
    MetricStats s = Summaries.of(new double[] {3, 1, 5, 2, 4}, "ms");
    assertThat(s.unit()).isEqualTo("ms");
    assertThat(s.count()).isEqualTo(5);
    assertThat(s.mean()).isCloseTo(3.0, within(EPS));
    assertThat(s.std()).isCloseTo(1.5811388300841898, within(EPS));
    assertThat(s.cv()).isCloseTo(1.5811388300841898 / 3, within(EPS));
    assertThat(s.min()).isEqualTo(1);
    assertThat(s.max()).isEqualTo(5);
    assertThat(s.p50()).isCloseTo(3.0, within(EPS));
    assertThat(s.p90()).isCloseTo(4.6, within(EPS));
    assertThat(s.p95()).isCloseTo(4.8, within(EPS));
    assertThat(s.p99()).isCloseTo(4.96, within(EPS));
    assertThat(s.meanCiLow()).isLessThanOrEqualTo(3.0);
    assertThat(s.meanCiHigh()).isGreaterThanOrEqualTo(3.0);
    assertThat(s.meanCiLow()).isGreaterThanOrEqualTo(1);
    assertThat(s.p50CiLow()).isLessThanOrEqualTo(3.0);
    assertThat(s.p50CiHigh()).isGreaterThanOrEqualTo(3.0);
  }

  @Test
  void emptyIsNullAndSingleSampleIsDegenerate() {
    assertThat(Summaries.of(new double[0], "ms")).isNull();
    MetricStats one = Summaries.of(new double[] {12.5}, Metric.TTFT);
    assertThat(one.unit()).isEqualTo("ms");
    assertThat(one.std()).isZero();
    assertThat(one.cv()).isZero();
    assertThat(one.p99()).isEqualTo(12.5);
    assertThat(new double[] {one.meanCiLow(), one.meanCiHigh(), one.p50CiLow(), one.p50CiHigh()})
        .containsOnly(12.5);
  }

  @Test
  void rejectsNonFiniteSamples() {
    assertThatThrownBy(() -> Summaries.of(new double[] {1, Double.POSITIVE_INFINITY}, "ms"))
        .hasMessageContaining("index 1");
  }
}
