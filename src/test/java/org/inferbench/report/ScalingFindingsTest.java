package org.inferbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.inferbench.results.Metric;
import org.inferbench.stats.fit.ScalingFit;
import org.junit.jupiter.api.Test;

/** A fit that does not describe its points is named with the reason, and no factor is drawn from it. */
final class ScalingFindingsTest {
  @Test
  void aPoorFitIsNotSummarised() {
    double[] x = {32, 64, 128, 256, 512, 1024};
    double[] y = {40, 5, 60, 8, 50, 10}; // no curve in this
    ScalingFit fit = ScalingFit.fit(x, y, null);
    assertThat(fit.warnings()).anyMatch(w -> w.startsWith("poor fit"));
    var series = new ScalingAnalysis.Series("m", "erratic", "erratic b1", Metric.E2E, List.of(), fit, null);

    List<String> sentences = ScalingFindings.sentences(List.of(series));

    assertThat(sentences).singleElement().asString()
        .isEqualTo("erratic b1: e2e against prompt length is not summarised (poor fit: R² "
            + String.format("%.3f", fit.rSquared()) + " < 0.90).")
        .doesNotContain("×");
  }
}
