package org.inferbench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The components and the CI over fork means on seeded numbers of known structure: each fork's values are μ(1 + δ_f)
 * plus within-fork noise. The estimates find the components put in, the t-interval over 5 fork means covers μ in
 * 95 % of 2,000 simulated runs, and the within-fork bootstrap of a run in one process (the CI before forks) in far
 * fewer.
 */
final class VarianceComponentsTest {
  private static final double MU = 100;

  /** A simulated run: {@code forks} × {@code n} requests, fork sd {@code between}, request sd {@code within}. */
  private static double[][] run(SplittableRandom r, int forks, int n, double between, double within) {
    double[][] v = new double[forks][n];
    for (int f = 0; f < forks; f++) {
      double fork = MU + between * gauss(r);
      for (int i = 0; i < n; i++) v[f][i] = fork + within * gauss(r);
    }
    return v;
  }

  private static double gauss(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static VarianceComponents.Result components(double[][] v) {
    int n = v.length * v[0].length;
    double[] values = new double[n];
    int[] fork = new int[n];
    int k = 0;
    for (int f = 0; f < v.length; f++) {
      for (double x : v[f]) {
        values[k] = x;
        fork[k++] = f;
      }
    }
    return VarianceComponents.of(values, fork, fork.clone());
  }

  @Test
  void theCiOverForkMeansCovers95PercentWhereTheWithinForkBootstrapDoesNot() {
    SplittableRandom r = new SplittableRandom(25);
    int runs = 2000;
    int honest = 0;
    int pooled = 0;
    double between = 0;
    double withinVar = 0;
    for (int i = 0; i < runs; i++) {
      double[][] v = run(r, 5, 3, 10, 2);
      VarianceComponents.Result c = components(v);
      if (c.ci().contains(MU)) honest++;
      // the old way: the same 15 requests in one process, their bootstrap CI as if nothing varied above them (fewer
      // resamples keep the test cheap; the interval is of the same kind)
      double[] oneProcess = run(r, 1, 15, 10, 2)[0];
      if (Bootstrap.ci(oneProcess, VarianceComponents::mean, 200, i).contains(MU)) pooled++;
      between += c.betweenFork() / runs;
      withinVar += c.within() / runs;
    }
    assertThat(honest / (double) runs).isCloseTo(0.95, within(0.015));
    assertThat(pooled / (double) runs).isLessThan(0.2);
    // the estimates are unbiased (bar the clamp at 0, rare at these sizes): 10² and 2²
    assertThat(between).isCloseTo(100, within(8.0));
    assertThat(withinVar).isCloseTo(4, within(0.2));
  }

  @Test
  void roundsWithinForksAreALevelOfTheirOwn() {
    // 4 forks × 3 rounds × 4 requests; fork sd 6, round sd 3, request sd 1
    SplittableRandom r = new SplittableRandom(7);
    int n = 4 * 3 * 4;
    double betweenFork = 0;
    double betweenRound = 0;
    int sims = 400;
    for (int s = 0; s < sims; s++) {
      double[] values = new double[n];
      int[] fork = new int[n];
      int[] round = new int[n];
      int k = 0;
      for (int f = 0; f < 4; f++) {
        double fm = MU + 6 * gauss(r);
        for (int q = 0; q < 3; q++) {
          double rm = fm + 3 * gauss(r);
          for (int i = 0; i < 4; i++) {
            values[k] = rm + gauss(r);
            fork[k] = f;
            round[k++] = f * 3 + q;
          }
        }
      }
      VarianceComponents.Result c = VarianceComponents.of(values, fork, round);
      assertThat(c.method()).isEqualTo(VarianceComponents.T_OVER_FORKS);
      betweenFork += c.betweenFork() / sims;
      betweenRound += c.betweenRound() / sims;
    }
    assertThat(betweenFork).isCloseTo(36, within(6.0));
    assertThat(betweenRound).isCloseTo(9, within(1.0));
  }

  @Test
  void oneForkOfOneRoundHasNoIntervalAboveTheRequests() {
    VarianceComponents.Result c = VarianceComponents.of(new double[] {1, 2, 3}, new int[3], new int[3]);
    assertThat(c.method()).isEqualTo(VarianceComponents.WITHIN_ONLY);
    assertThat(c.ci()).isNull();
    assertThat(c.betweenFork()).isNull();
    assertThat(c.within()).isEqualTo(1.0);
    assertThat(c.betweenShare()).isZero();
  }
}
