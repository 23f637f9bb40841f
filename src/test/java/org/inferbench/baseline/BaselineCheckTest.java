package org.inferbench.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.inferbench.baseline.TestRecords.record;

import java.util.List;
import org.inferbench.results.Metric;
import org.inferbench.results.Status;
import org.junit.jupiter.api.Test;

/** The gate's rule on fixed samples: significance and size together, direction from the metric, latest records. */
final class BaselineCheckTest {
  private static double[] around(double centre, int n, double spread) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) s[i] = centre * (1 + spread * (((i * 7) % n) / (double) n - 0.5));
    return s;
  }

  @Test
  void slowerLatencyBeyondTheThresholdRegresses() {
    var rows = BaselineCheck.check(List.of(record("k", "env", "2026-01-01T00:00:00Z", Metric.E2E, around(10, 20, 0.02))),
        List.of(record("k", "env", "2026-01-02T00:00:00Z", Metric.E2E, around(11, 20, 0.02))), 5, false);
    BaselineRow row = rows.rows().get(0);
    assertThat(row.verdict()).isEqualTo(BaselineRow.Verdict.REGRESSED);
    assertThat(row.ratio()).isCloseTo(1.1, within(1e-9));
    assertThat(row.pValue()).isLessThan(0.01);
    assertThat(rows.anyRegressed()).isTrue();
  }

  @Test
  void lowerThroughputIsTheWorseDirection() {
    var rows = BaselineCheck.check(
        List.of(record("k", "env", "2026-01-01T00:00:00Z", Metric.OVERALL_THROUGHPUT, around(100, 20, 0.02))),
        List.of(record("k", "env", "2026-01-02T00:00:00Z", Metric.OVERALL_THROUGHPUT, around(80, 20, 0.02))), 5,
        false);
    assertThat(rows.rows().get(0).verdict()).isEqualTo(BaselineRow.Verdict.REGRESSED);
    var better = BaselineCheck.check(
        List.of(record("k", "env", "2026-01-01T00:00:00Z", Metric.OVERALL_THROUGHPUT, around(100, 20, 0.02))),
        List.of(record("k", "env", "2026-01-02T00:00:00Z", Metric.OVERALL_THROUGHPUT, around(120, 20, 0.02))), 5,
        false);
    assertThat(better.rows().get(0).verdict()).isEqualTo(BaselineRow.Verdict.IMPROVED);
    assertThat(better.anyRegressed()).isFalse();
  }

  @Test
  void significantButSmallChangeIsUnchanged() {
    var rows = BaselineCheck.check(List.of(record("k", "env", "2026-01-01T00:00:00Z", Metric.E2E, around(10, 50, 0.001))),
        List.of(record("k", "env", "2026-01-02T00:00:00Z", Metric.E2E, around(10.2, 50, 0.001))), 5, false);
    assertThat(rows.rows().get(0).pValue()).isLessThan(0.01);
    assertThat(rows.rows().get(0).verdict()).isEqualTo(BaselineRow.Verdict.UNCHANGED);
  }

  @Test
  void keysOnOneSideOnlyAreMissing() {
    var rows = BaselineCheck.check(List.of(record("a", "env", "2026-01-01T00:00:00Z", Metric.E2E, around(10, 5, 0.1))),
        List.of(record("b", "env", "2026-01-02T00:00:00Z", Metric.E2E, around(10, 5, 0.1)),
            record("c", "env", "2026-01-02T00:00:00Z", Metric.E2E, new double[0], Status.FAILED)), 5, false);
    assertThat(rows.rows()).extracting(BaselineRow::verdict).containsOnly(BaselineRow.Verdict.MISSING);
    assertThat(rows.rows()).extracting(BaselineRow::note)
        .containsExactly("not in this run", "not in the baseline", "not in the baseline");
  }

  @Test
  void latestRecordOfEachKeyIsCompared() {
    var rows = BaselineCheck.check(
        List.of(record("k", "env", "2026-01-02T00:00:00Z", Metric.E2E, around(10, 20, 0.02)),
            record("k", "env", "2026-01-01T00:00:00Z", Metric.E2E, around(20, 20, 0.02))),
        List.of(record("k", "env", "2026-01-03T00:00:00Z", Metric.E2E, around(10, 20, 0.02)),
            record("k", "env", "2026-01-04T00:00:00Z", Metric.E2E, around(12, 20, 0.02))), 5, false);
    assertThat(rows.rows().get(0).baselineMedian()).isCloseTo(10, within(0.2));
    assertThat(rows.rows().get(0).currentMedian()).isCloseTo(12, within(0.2));
  }

  @Test
  void differentMachinesAreRefusedUnlessAllowed() {
    var base = List.of(record("k", "laptop", "2026-01-01T00:00:00Z", Metric.E2E, around(10, 10, 0.02)));
    var now = List.of(record("k", "server", "2026-01-02T00:00:00Z", Metric.E2E, around(10, 10, 0.02)));
    assertThatThrownBy(() -> BaselineCheck.check(base, now, 5, false))
        .isInstanceOf(EnvMismatchException.class)
        .hasMessage("env_fingerprint: baseline measured on laptop, this run on server (config k); "
            + "allow the mismatch to compare anyway");
    assertThat(BaselineCheck.check(base, now, 5, true).rows()).hasSize(1);
  }
}
