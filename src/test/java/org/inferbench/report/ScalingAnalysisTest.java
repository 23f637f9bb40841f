package org.inferbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.junit.jupiter.api.Test;

/**
 * From records shaped like the calibration engine's (TTFT = a·prompt + b·prompt²), the scaling analysis recovers a
 * and b within 2 %, and flags a set whose points are noisy.
 */
final class ScalingAnalysisTest {
  private static final int[] PROMPTS = {32, 64, 128, 256, 512, 1024, 2048};

  private static List<ResultRecord> series(Fixtures.Spec spec) {
    List<ResultRecord> out = new ArrayList<>();
    for (int p : PROMPTS) out.add(Fixtures.record(spec.prompt(p)));
    return out;
  }

  private static ScalingAnalysis.Series ttft(List<ResultRecord> records) {
    return ScalingAnalysis.analyse(new ResultSet(records)).stream().filter(s -> s.metric() == Metric.TTFT)
        .findFirst().orElseThrow();
  }

  @Test
  void recoversLinearAndQuadraticCoefficients() {
    double a = 0.05;
    double b = 2.0e-5;
    ScalingAnalysis.Series s = ttft(series(Fixtures.decoder("cal").costs(a, b).jitter(0.01)));
    assertThat(s.fit()).isNotNull();
    assertThat(s.fit().degree()).isEqualTo(2);
    assertThat(s.fit().linear()).isCloseTo(a, within(a * 0.02));
    assertThat(s.fit().quadratic()).isCloseTo(b, within(b * 0.02));
    assertThat(s.fit().rSquared()).isGreaterThan(0.999);
    assertThat(s.fit().warnings()).isEmpty();
    double expectedFactor = (a * 2048 + b * 2048 * 2048) / (a * 32 + b * 32 * 32);
    assertThat(s.fit().scalingFactor()).isCloseTo(expectedFactor, within(expectedFactor * 0.02));
  }

  @Test
  void purelyLinearCostsGiveANegligibleQuadraticTerm() {
    ScalingAnalysis.Series s = ttft(series(Fixtures.decoder("lin").costs(0.1, 0).jitter(0.01)));
    assertThat(s.fit().linear()).isCloseTo(0.1, within(0.002));
    // the quadratic term's whole contribution at the longest prompt is under 2 % of the latency there
    assertThat(Math.abs(s.fit().quadratic()) * 2048 * 2048).isLessThan(0.02 * 0.1 * 2048);
  }

  @Test
  void flagsANoisySet() {
    ScalingAnalysis.Series s = ttft(series(Fixtures.decoder("noisy").jitter(0.4)));
    assertThat(s.fit().warnings()).anyMatch(w -> w.startsWith("noisy point"));
    ReportTable t = ScalingAnalysis.table(List.of(s), new ResultSet(List.of()));
    assertThat(t.rows().get(0).get(10).text()).contains("noisy point");
  }

  @Test
  void oneLengthSaysNoFitInsteadOfFailing() {
    ScalingAnalysis.Series s = ttft(List.of(Fixtures.record(Fixtures.decoder("one"))));
    assertThat(s.fit()).isNull();
    assertThat(s.problem()).contains("one prompt length");
  }
}
