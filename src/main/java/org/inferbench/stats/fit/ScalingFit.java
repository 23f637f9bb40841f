package org.inferbench.stats.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.regression.OLSMultipleLinearRegression;

/**
 * A least-squares fit of a latency against a length: y = b0 + b1·x + b2·x² (quadratic from four distinct lengths
 * on, linear below that), with R², the measured scaling factor and prediction intervals for extrapolation.
 *
 * <p>x is divided by its largest value before fitting so that the x² column stays well conditioned for lengths in
 * the thousands; the reported coefficients are in the original units.
 */
public final class ScalingFit {
  /** Above this coefficient of variation a measured point is too noisy to trust the curve through it. */
  public static final double NOISY_CV = 0.10;
  /** Below this R² the curve does not describe the points. */
  public static final double POOR_R_SQUARED = 0.90;
  /** Residual standard error, relative to the mean, below which a low R² only means the curve is flat. */
  public static final double FLAT_TOLERANCE = 0.02;

  /** A predicted value and its prediction interval (NaN bounds where the fit has no residual degrees of freedom). */
  public record Prediction(double x, double value, double low, double high) {}

  private final double[] x;
  private final double[] y;
  private final int degree;
  private final double scale;
  private final double[] beta;
  private final double rSquared;
  private final double errorVariance;
  private final double[][] xtxInverse;
  private final List<String> warnings;

  private ScalingFit(double[] x, double[] y, int degree, double scale, double[] beta, double rSquared,
      double errorVariance, double[][] xtxInverse, List<String> warnings) {
    this.x = x;
    this.y = y;
    this.degree = degree;
    this.scale = scale;
    this.beta = beta;
    this.rSquared = rSquared;
    this.errorVariance = errorVariance;
    this.xtxInverse = xtxInverse;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Fits y against x.
   *
   * @param cv each point's coefficient of variation (null if unknown); a point above {@link #NOISY_CV} adds a warning
   * @throws IllegalArgumentException if fewer than two distinct x, arrays differ in length, or values are not finite
   */
  public static ScalingFit fit(double[] x, double[] y, double[] cv) {
    if (x.length != y.length || (cv != null && cv.length != x.length)) {
      throw new IllegalArgumentException("fit: x, y and cv must have the same length, got " + x.length + ", "
          + y.length + (cv == null ? "" : ", " + cv.length));
    }
    TreeSet<Double> distinct = new TreeSet<>();
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || x[i] <= 0) {
        throw new IllegalArgumentException("fit: point " + i + " expected a positive finite x and finite y, got ("
            + x[i] + ", " + y[i] + ")");
      }
      distinct.add(x[i]);
    }
    if (distinct.size() < 2) {
      throw new IllegalArgumentException("fit: expected at least 2 distinct lengths, got " + distinct.size());
    }
    int degree = distinct.size() >= 4 ? 2 : 1;
    double scale = distinct.last();
    double[][] design = new double[x.length][degree];
    for (int i = 0; i < x.length; i++) {
      double u = x[i] / scale;
      design[i][0] = u;
      if (degree == 2) design[i][1] = u * u;
    }
    List<String> warnings = new ArrayList<>();
    double[] betaScaled;
    double r2;
    double variance;
    double[][] inv;
    if (x.length == degree + 1) {
      // exactly determined: solve directly, no residual degrees of freedom, so no interval
      OLSMultipleLinearRegression ols = exact(design, y);
      betaScaled = ols.estimateRegressionParameters();
      r2 = 1.0;
      variance = Double.NaN;
      inv = null;
      warnings.add("only " + x.length + " points for " + (degree + 1) + " coefficients: exact fit, no prediction"
          + " interval");
    } else {
      OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
      ols.newSampleData(y, design);
      betaScaled = ols.estimateRegressionParameters();
      r2 = ols.calculateRSquared();
      variance = ols.estimateErrorVariance();
      inv = ols.estimateRegressionParametersVariance();
    }
    double[] beta = new double[3];
    beta[0] = betaScaled[0];
    beta[1] = betaScaled[1] / scale;
    beta[2] = degree == 2 ? betaScaled[2] / (scale * scale) : 0.0;
    if (degree == 1) warnings.add(distinct.size() + " distinct lengths: linear fit only (quadratic needs 4)");
    if (cv != null) {
      for (int i = 0; i < cv.length; i++) {
        if (cv[i] > NOISY_CV) {
          warnings.add(String.format("noisy point at length %d: CV %.1f %% > %.0f %%", (long) x[i], cv[i] * 100,
              NOISY_CV * 100));
        }
      }
    }
    // a flat series (TPOT against prompt length) has a tiny R² yet a tight curve: judge it by its residuals too
    double meanY = java.util.Arrays.stream(y).average().orElse(Double.NaN);
    double relativeError = Math.sqrt(variance) / Math.abs(meanY);
    if (!Double.isNaN(variance) && r2 < POOR_R_SQUARED && relativeError > FLAT_TOLERANCE) {
      warnings.add(String.format("poor fit: R² %.3f < %.2f", r2, POOR_R_SQUARED));
    }
    // a concave quadratic (b2 < 0) peaks at -b1 / (2 b2): past it, extrapolations fall, which latency never does
    double longest = java.util.Arrays.stream(x).max().orElse(0);
    if (degree == 2 && beta[2] < 0 && -beta[1] / (2 * beta[2]) < 4 * longest) {
      warnings.add(String.format("concave fit: it turns down at length %.0f, so extrapolations beyond that are not"
          + " meaningful", Math.max(0, -beta[1] / (2 * beta[2]))));
    }
    return new ScalingFit(x.clone(), y.clone(), degree, scale, beta, r2, variance, inv, warnings);
  }

  private static OLSMultipleLinearRegression exact(double[][] design, double[] y) {
    // OLS needs more rows than columns; a duplicated set of rows has the same solution and the exact fit
    double[][] d2 = new double[design.length * 2][];
    double[] y2 = new double[y.length * 2];
    for (int i = 0; i < design.length; i++) {
      d2[i] = design[i];
      d2[i + design.length] = design[i];
      y2[i] = y[i];
      y2[i + y.length] = y[i];
    }
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    ols.newSampleData(y2, d2);
    return ols;
  }

  /** 1 for a straight line, 2 with the quadratic term. */
  public int degree() {
    return degree;
  }

  public double intercept() {
    return beta[0];
  }

  /** The coefficient of x (y units per unit of x). */
  public double linear() {
    return beta[1];
  }

  /** The coefficient of x² (0 for a linear fit). */
  public double quadratic() {
    return beta[2];
  }

  public double rSquared() {
    return rSquared;
  }

  public int points() {
    return x.length;
  }

  public double shortest() {
    return Arrays.stream(x).min().orElseThrow();
  }

  public double longest() {
    return scale;
  }

  /** Measured y at the longest length ÷ measured y at the shortest (means where a length repeats). */
  public double scalingFactor() {
    return meanAt(longest()) / meanAt(shortest());
  }

  /** The curve's value at the longest length ÷ its value at the shortest: the scaling with the noise smoothed. */
  public double fittedFactor() {
    return valueAt(longest()) / valueAt(shortest());
  }

  /**
   * How much of the curve's rise from the shortest to the longest length its x² term makes: b2·(L² − S²) ÷
   * (y(L) − y(S)); 0 for a linear fit, NaN for a flat curve. It tells a material curvature from a significant but
   * negligible one.
   */
  public double quadraticShare() {
    double s = shortest();
    double l = longest();
    double rise = valueAt(l) - valueAt(s);
    return rise == 0 ? Double.NaN : beta[2] * (l * l - s * s) / rise;
  }

  private double valueAt(double at) {
    return beta[0] + beta[1] * at + beta[2] * at * at;
  }

  private double meanAt(double length) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] == length) {
        sum += y[i];
        n++;
      }
    }
    return sum / n;
  }

  /** Where the noisy points or a poor fit make the curve untrustworthy, and what the fit could not do. */
  public List<String> warnings() {
    return warnings;
  }

  /** The fitted value at x with a two-sided prediction interval for a new measurement at the given confidence. */
  public Prediction predict(double at, double confidence) {
    double u = at / scale;
    double[] row = degree == 2 ? new double[] {1, u, u * u} : new double[] {1, u};
    double value = valueAt(at);
    if (xtxInverse == null || Double.isNaN(errorVariance)) return new Prediction(at, value, Double.NaN, Double.NaN);
    double leverage = 0;
    for (int i = 0; i < row.length; i++) {
      for (int j = 0; j < row.length; j++) leverage += row[i] * xtxInverse[i][j] * row[j];
    }
    int dof = x.length - row.length;
    double t = new TDistribution(dof).inverseCumulativeProbability(0.5 + confidence / 2);
    double half = t * Math.sqrt(errorVariance * (1 + leverage));
    return new Prediction(at, value, value - half, value + half);
  }

  /** The curve as text, e.g. "0.52 + 0.0481·x + 1.9e-05·x²". */
  public String formula() {
    String s = String.format("%.4g + %.4g·x", beta[0], beta[1]);
    return degree == 2 ? s + String.format(" + %.4g·x²", beta[2]) : s;
  }
}
