package org.inferbench.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variance at each level of a measurement (Kalibera & Jones, "Rigorous Benchmarking in Reasonable Time", 2013):
 * requests within a round, rounds within a fork (a worker process), forks within a run. Each level's component is
 * estimated by the method of moments: S²ᵢ is the mean, over the parent units, of the sample variance of the level's
 * unit means; Tᵢ = S²ᵢ − S²ᵢ₋₁ / nᵢ₋₁ (what the spread of the means has beyond what the level below alone would
 * give them), clamped at 0. A level with a single unit per parent cannot be told from the one above it: its
 * component is null and what it holds is counted with the level above.
 *
 * <p>The confidence interval of the mean is Student's t over the means of the top level that has two or more units
 * (forks, else rounds), with units − 1 degrees of freedom. Why not a hierarchical bootstrap or the random-effects
 * formula: with the 3–10 forks a run can afford, a percentile bootstrap over forks is too narrow (it uses the normal
 * quantile and a variance shrunk by (F − 1)/F: at 5 forks it covers about 85 %, not 95 %); the random-effects
 * interval for a balanced design is exactly this t-interval (the variance of a fork mean is σ²_fork + σ²_within/n,
 * which the fork means' sample variance estimates without bias), and forks here are balanced by construction.
 */
public final class VarianceComponents {
  /** Said in the record: how the CI was built. */
  public static final String T_OVER_FORKS = "t-over-fork-means";
  public static final String T_OVER_ROUNDS = "t-over-round-means";
  /** One fork and one round: nothing above the requests was measured, the CI is the within-fork bootstrap. */
  public static final String WITHIN_ONLY = "within-fork-bootstrap";

  /**
   * What the levels show for one metric.
   *
   * @param betweenFork σ² between fork means beyond what their requests explain, or null with one fork (or one
   *     round per fork, where forks and rounds coincide: then it carries both)
   * @param betweenRound σ² between rounds within a fork, or null where a fork has one round
   * @param within σ² of requests within a round
   * @param unitMeans the means of the units the CI is built over (forks, else rounds)
   * @param ci the 95 % CI of the mean: t over {@code unitMeans}; null with fewer than two units
   * @param method {@link #T_OVER_FORKS}, {@link #T_OVER_ROUNDS} or {@link #WITHIN_ONLY}
   */
  public record Result(Double betweenFork, Double betweenRound, double within, double[] unitMeans, Interval ci,
      String method) {
    /** The share of the variance of one request that sits above the requests (between forks and rounds). */
    public double betweenShare() {
      double above = (betweenFork == null ? 0 : betweenFork) + (betweenRound == null ? 0 : betweenRound);
      double total = above + within;
      return total > 0 ? above / total : 0;
    }
  }

  private VarianceComponents() {}

  /**
   * @param values one metric's samples in the order measured
   * @param fork each sample's fork (0-based)
   * @param round each sample's round (0-based; rounds may be numbered across the run, a fork holding any of them)
   */
  public static Result of(double[] values, int[] fork, int[] round) {
    Samples.requireFinite("variance components", values);
    if (fork.length != values.length || round.length != values.length) {
      throw new IllegalArgumentException("variance components: expected a fork and round per value, got "
          + fork.length + " and " + round.length + " for " + values.length);
    }
    // fork -> round -> values, in first-seen order
    Map<Integer, Map<Integer, List<Double>>> tree = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      tree.computeIfAbsent(fork[i], k -> new LinkedHashMap<>()).computeIfAbsent(round[i], k -> new ArrayList<>())
          .add(values[i]);
    }
    List<double[]> roundGroups = new ArrayList<>();
    List<double[]> forkRoundMeans = new ArrayList<>();
    double[] forkMeans = new double[tree.size()];
    int f = 0;
    for (Map<Integer, List<Double>> rounds : tree.values()) {
      double[] means = new double[rounds.size()];
      int r = 0;
      double sum = 0;
      int count = 0;
      for (List<Double> v : rounds.values()) {
        double[] a = unbox(v);
        roundGroups.add(a);
        means[r++] = mean(a);
        for (double x : a) sum += x;
        count += a.length;
      }
      forkRoundMeans.add(means);
      forkMeans[f++] = sum / count;
    }
    double s1 = meanVariance(roundGroups);
    double n1 = meanSize(roundGroups);
    boolean roundsSeparate = forkRoundMeans.stream().anyMatch(m -> m.length >= 2);
    double s2 = roundsSeparate ? meanVariance(forkRoundMeans) : Double.NaN;
    double n2 = meanSize(forkRoundMeans);
    Double betweenRound = roundsSeparate ? Math.max(0, s2 - s1 / n1) : null;
    Double betweenFork = null;
    if (forkMeans.length >= 2) {
      double s3 = variance(forkMeans);
      // with one round per fork the level below the forks is the requests themselves
      betweenFork = roundsSeparate ? Math.max(0, s3 - s2 / n2) : Math.max(0, s3 - s1 / n1);
    }
    if (forkMeans.length >= 2) {
      return new Result(betweenFork, betweenRound, s1, forkMeans, tInterval(forkMeans), T_OVER_FORKS);
    }
    double[] roundMeans = forkRoundMeans.isEmpty() ? new double[0] : forkRoundMeans.get(0);
    if (roundMeans.length >= 2) {
      return new Result(null, betweenRound, s1, roundMeans, tInterval(roundMeans), T_OVER_ROUNDS);
    }
    return new Result(null, null, s1, forkMeans, null, WITHIN_ONLY);
  }

  /** The 95 % Student-t interval of the mean of {@code means} (units − 1 degrees of freedom). */
  public static Interval tInterval(double[] means) {
    double m = mean(means);
    double half = StudentT.halfWidth(means, 0.95);
    return new Interval(m - half, m + half);
  }

  /** Mean over groups of each group's sample variance (n − 1), groups of one value left out; 0 if none has two. */
  private static double meanVariance(List<double[]> groups) {
    double s = 0;
    int k = 0;
    for (double[] g : groups) {
      if (g.length < 2) continue;
      s += variance(g);
      k++;
    }
    return k == 0 ? 0 : s / k;
  }

  private static double meanSize(List<double[]> groups) {
    double s = 0;
    for (double[] g : groups) s += g.length;
    return groups.isEmpty() ? 1 : s / groups.size();
  }

  static double variance(double[] a) {
    if (a.length < 2) return 0;
    double m = mean(a);
    double s = 0;
    for (double x : a) s += (x - m) * (x - m);
    return s / (a.length - 1);
  }

  static double mean(double[] a) {
    double s = 0;
    for (double x : a) s += x;
    return s / a.length;
  }

  private static double[] unbox(List<Double> l) {
    double[] a = new double[l.size()];
    for (int i = 0; i < a.length; i++) a[i] = l.get(i);
    return a;
  }
}
