package org.inferbench.stats.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fit recovers the coefficients that generated the data, and says when the data cannot support it. */
final class ScalingFitTest {
  private static final double[] PROMPTS = {32, 64, 128, 256, 512, 1024, 2048};

  @Test
  void recoversQuadraticCoefficientsOfSlightlyNoisyData() {
    double a = 0.05;
    double b = 2.0e-5;
    Random rnd = new Random(7);
    double[] y = new double[PROMPTS.length];
    for (int i = 0; i < y.length; i++) {
      double exact = a * PROMPTS[i] + b * PROMPTS[i] * PROMPTS[i];
      y[i] = exact * (1 + 0.002 * rnd.nextGaussian());
    }
    ScalingFit fit = ScalingFit.fit(PROMPTS, y, null);
    assertThat(fit.degree()).isEqualTo(2);
    assertThat(fit.linear()).isCloseTo(a, within(a * 0.02));
    assertThat(fit.quadratic()).isCloseTo(b, within(b * 0.02));
    assertThat(fit.rSquared()).isGreaterThan(0.999);
    assertThat(fit.warnings()).isEmpty();
    ScalingFit.Prediction p = fit.predict(4096, 0.95);
    double truth = a * 4096 + b * 4096 * 4096;
    assertThat(p.low()).isLessThan(p.value()).isLessThan(p.high());
    assertThat(truth).isBetween(p.low(), p.high());
    assertThat(fit.scalingFactor()).isCloseTo(y[6] / y[0], within(1e-12));
  }

  @Test
  void threeLengthsGiveALinearFitWithAWarning() {
    ScalingFit fit = ScalingFit.fit(new double[] {100, 200, 400}, new double[] {10, 20, 40}, null);
    assertThat(fit.degree()).isEqualTo(1);
    assertThat(fit.linear()).isCloseTo(0.1, within(1e-9));
    assertThat(fit.warnings()).anyMatch(w -> w.contains("linear fit only"));
  }

  @Test
  void noisyPointsAndAPoorFitAreFlagged() {
    Random rnd = new Random(3);
    double[] y = new double[PROMPTS.length];
    for (int i = 0; i < y.length; i++) y[i] = 50 + 40 * rnd.nextDouble();
    double[] cv = {0.02, 0.25, 0.03, 0.02, 0.3, 0.02, 0.02};
    ScalingFit fit = ScalingFit.fit(PROMPTS, y, cv);
    assertThat(fit.warnings()).anyMatch(w -> w.startsWith("noisy point at length 64"))
        .anyMatch(w -> w.startsWith("noisy point at length 512"))
        .anyMatch(w -> w.startsWith("poor fit"));
  }

  @Test
  void oneLengthIsAnError() {
    assertThatThrownBy(() -> ScalingFit.fit(new double[] {5, 5}, new double[] {1, 2}, null))
        .hasMessageContaining("at least 2 distinct lengths");
  }

  @Test
  void aConcaveFitWarnsThatItsExtrapolationsTurnDown() {
    double[] x = {128, 256, 512, 1024};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = 100 + 2 * x[i] - 0.001 * x[i] * x[i]; // peaks at 1000
    ScalingFit fit = ScalingFit.fit(x, y, null);
    assertThat(fit.warnings()).anyMatch(w -> w.startsWith("concave fit: it turns down at length 1000"));
    double[] convex = new double[x.length];
    for (int i = 0; i < x.length; i++) convex[i] = 100 + 2 * x[i] + 0.001 * x[i] * x[i];
    assertThat(ScalingFit.fit(x, convex, null).warnings()).noneMatch(w -> w.startsWith("concave"));
  }
}
