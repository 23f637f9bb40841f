package org.inferbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bootstrap intervals are deterministic for a given seed, bracket the point estimate and narrow with more data. */
final class BootstrapTest {
  private static double[] gaussian(long seed, int n, double mean, double sd) {
    Random r = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = mean + sd * r.nextGaussian();
    return x;
  }

  @Test
  void sameInputGivesSameInterval() {
    double[] x = gaussian(1, 50, 100, 10);
    assertThat(Bootstrap.meanCi(x)).isEqualTo(Bootstrap.meanCi(x.clone()));
    assertThat(Bootstrap.medianCi(x)).isEqualTo(Bootstrap.medianCi(x.clone()));
  }

  @Test
  void differentSeedsResampleDifferently() {
    double[] x = gaussian(2, 50, 100, 10);
    Interval a = Bootstrap.ci(x, Percentiles::median, 500, 1);
    Interval b = Bootstrap.ci(x, Percentiles::median, 500, 2);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void intervalBracketsEstimateAndNarrowsWithMoreSamples() {
    double[] small = gaussian(3, 20, 100, 10);
    double[] large = gaussian(3, 2000, 100, 10);
    Interval s = Bootstrap.meanCi(small);
    Interval l = Bootstrap.meanCi(large);
    assertThat(s.contains(mean(small))).isTrue();
    assertThat(l.contains(mean(large))).isTrue();
    assertThat(l.width()).isLessThan(s.width() / 4);
    // the population mean lies in the 95 % interval of a large sample (true for this seed)
    assertThat(l.contains(100)).isTrue();
    assertThat(Bootstrap.medianCi(small).contains(Percentiles.median(small))).isTrue();
  }

  @Test
  void singleSampleGivesDegenerateInterval() {
    assertThat(Bootstrap.meanCi(new double[] {4.5})).isEqualTo(new Interval(4.5, 4.5));
    assertThat(Bootstrap.medianCi(new double[] {4.5})).isEqualTo(new Interval(4.5, 4.5));
  }

  @Test
  void ratioOfMediansCoversTrueRatio() {
    double[] base = gaussian(4, 200, 50, 2);
    double[] twiceAsSlow = gaussian(5, 200, 100, 4);
    Interval r = Bootstrap.ratioOfMediansCi(twiceAsSlow, base);
    assertThat(r.contains(2.0)).isTrue();
    assertThat(r.low()).isGreaterThan(1.9);
    assertThat(r.high()).isLessThan(2.1);
    assertThat(Bootstrap.ratioOfMediansCi(twiceAsSlow, base)).isEqualTo(r);
  }

  @Test
  void rejectsEmptyInput() {
    assertThatThrownBy(() -> Bootstrap.meanCi(new double[0])).hasMessageContaining("at least one sample");
    assertThatThrownBy(() -> Bootstrap.ci(new double[] {1}, x -> x[0], 0, 1)).hasMessageContaining("resamples");
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }
}
