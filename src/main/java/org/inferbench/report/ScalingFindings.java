package org.inferbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.inferbench.results.Metric;
import org.inferbench.stats.fit.FitBootstrap;
import org.inferbench.stats.fit.ScalingFit;

/**
 * The findings on scaling: which series' headline-like latency grows most and least with prompt length (the fitted
 * factor from the shortest to the longest prompt, with a bootstrap 95 % CI), and whether each grows quadratically
 * or linearly. A series whose fit is poor or noisy is named with the reason and never summarised by a number.
 */
final class ScalingFindings {
  /** The metrics that stand for a series' whole answer, most telling first (METRICS.md headline metric). */
  private static final List<Metric> PREFERRED = List.of(Metric.E2E, Metric.TTFT, Metric.ENCODER_LATENCY);
  /** The x² term must make at least this share of the rise over the measured range to call the growth quadratic. */
  static final double MATERIAL_SHARE = 0.10;

  /** One summarisable series: its fit, the bootstrap intervals, and whether it grows quadratically. */
  record Growth(ScalingAnalysis.Series series, FitBootstrap ci, boolean quadratic) {
    double factor() {
      return series.fit().fittedFactor();
    }

    String shape() {
      if (series.fit().degree() == 1) return "linear (too few prompt lengths to fit an x² term)";
      return quadratic ? String.format(Locale.ROOT, "quadratic (x² term %.0f %% of the rise)",
          series.fit().quadraticShare() * 100) : "linear";
    }

    String factorText() {
      ScalingFit f = series.fit();
      String interval = ci == null ? " (no usable raw samples: no interval)"
          : " [95 % CI " + Fmt.num(ci.factor().low()) + "–" + Fmt.num(ci.factor().high()) + "]";
      return Fmt.num(factor()) + "×" + interval + " from " + (long) f.shortest() + " to " + (long) f.longest()
          + " prompt tokens";
    }
  }

  private ScalingFindings() {}

  static List<String> sentences(List<ScalingAnalysis.Series> scaling) {
    List<String> unsummarised = new ArrayList<>();
    List<Growth> growths = new ArrayList<>();
    for (ScalingAnalysis.Series s : headlineSeries(scaling)) {
      String distrust = distrust(s.fit());
      if (distrust != null) {
        unsummarised.add(s.label() + ": " + s.metric().key() + " against prompt length is not summarised (" + distrust + ").");
      } else {
        growths.add(growth(s));
      }
    }
    // series are ranked against their own kind: an encoder's forward pass beside other encoders, e2e beside e2e
    Map<Metric, List<Growth>> byMetric = new TreeMap<>(Comparator.comparingInt(PREFERRED::indexOf));
    for (Growth g : growths) byMetric.computeIfAbsent(g.series().metric(), k -> new ArrayList<>()).add(g);
    List<String> lead = new ArrayList<>();
    for (List<Growth> group : byMetric.values()) lead.addAll(ranked(group));
    lead.addAll(unsummarised);
    return lead;
  }

  /** The worst and least scaling of one metric's series, and the others in between. */
  private static List<String> ranked(List<Growth> growths) {
    List<Growth> sorted = new ArrayList<>(growths);
    sorted.sort(Comparator.comparingDouble(Growth::factor).reversed());
    Growth worst = sorted.get(0);
    String metric = worst.series().metric().key();
    if (sorted.size() == 1) {
      return List.of(worst.series().label() + ": " + metric + " grows " + worst.factorText() + ", " + worst.shape()
          + ".");
    }
    Growth least = sorted.get(sorted.size() - 1);
    List<String> out = new ArrayList<>();
    out.add(worst.series().label() + " scales worst with prompt length: " + metric + " grows " + worst.factorText()
        + ", " + worst.shape() + ".");
    out.add(least.series().label() + " scales least: " + metric + " grows " + least.factorText() + ", "
        + least.shape() + ".");
    List<String> rest = sorted.subList(1, sorted.size() - 1).stream()
        .map(g -> g.series().label() + " " + Fmt.num(g.factor()) + "× " + g.shape()).toList();
    if (!rest.isEmpty()) out.add("In between: " + String.join("; ", rest) + ".");
    return out;
  }

  /** Per series (machine and label), its most telling fitted metric. */
  private static List<ScalingAnalysis.Series> headlineSeries(List<ScalingAnalysis.Series> scaling) {
    Map<String, ScalingAnalysis.Series> best = new LinkedHashMap<>();
    for (ScalingAnalysis.Series s : scaling) {
      if (s.fit() == null || !PREFERRED.contains(s.metric())) continue;
      best.merge(s.machine() + "\u0000" + s.label(), s,
          (a, b) -> PREFERRED.indexOf(a.metric()) <= PREFERRED.indexOf(b.metric()) ? a : b);
    }
    return List.copyOf(best.values());
  }

  /**
   * Why the fit's numbers must not be stated, or null when they may. A poor fit does not describe its points; a
   * noisy point only widens the bootstrap interval, which already shows it.
   */
  private static String distrust(ScalingFit f) {
    return f.warnings().stream().filter(w -> w.startsWith("poor fit")).reduce((a, b) -> a + "; " + b).orElse(null);
  }

  private static Growth growth(ScalingAnalysis.Series s) {
    ScalingFit f = s.fit();
    double[] x = s.points().stream().mapToDouble(c -> c.workload().prompt()).toArray();
    double[][] samples = s.points().stream().map(c -> c.record().samples(s.metric())).toArray(double[][]::new);
    boolean haveSamples = java.util.Arrays.stream(samples).allMatch(v -> v != null && v.length > 0);
    FitBootstrap ci = null;
    try {
      if (haveSamples) ci = FitBootstrap.of(x, samples);
    } catch (IllegalArgumentException e) {
      // a sample the fit cannot take (not finite): the finding goes without its interval rather than fail the report
    }
    // quadratic: the x² coefficient is positive beyond its noise and bends the curve visibly over the range
    boolean quadratic = f.degree() == 2 && ci != null && ci.quadratic().low() > 0
        && f.quadraticShare() >= MATERIAL_SHARE;
    return new Growth(s, ci, quadratic);
  }
}
