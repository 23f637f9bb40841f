package org.inferbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.results.Metric;
import org.inferbench.stats.fit.ScalingFit;

/**
 * How each series' latency grows with prompt length: one {@link ScalingFit} per series (a model with everything
 * but the prompt fixed, on one machine) and latency metric, with extrapolation to 2× and 4× the longest prompt.
 */
public final class ScalingAnalysis {
  /** One fitted series and metric. {@code fit} is null where it could not be computed; {@code problem} says why. */
  public record Series(String machine, String model, String label, Metric metric, List<ConfigResult> points,
      ScalingFit fit, String problem) {}

  private static final double CONFIDENCE = 0.95;

  private ScalingAnalysis() {}

  /** The latency metrics fitted against prompt length for a series of that shape. */
  static List<Metric> metricsFor(ConfigResult c) {
    return c.shape().generates() ? List.of(Metric.TTFT, Metric.TPOT, Metric.E2E) : List.of(Metric.ENCODER_LATENCY);
  }

  public static List<Series> analyse(ResultSet set) {
    Map<Map<String, String>, List<ConfigResult>> groups = new LinkedHashMap<>();
    for (ConfigResult c : set.currentOk()) {
      groups.computeIfAbsent(c.parametersWithout("prompt"), k -> new ArrayList<>()).add(c);
    }
    List<String> varying = new ArrayList<>(set.varying());
    varying.remove("prompt");
    List<Series> out = new ArrayList<>();
    for (List<ConfigResult> g : groups.values()) {
      g.sort(java.util.Comparator.comparingInt(c -> c.workload().prompt()));
      ConfigResult first = g.get(0);
      String label = first.label(varying);
      for (Metric m : metricsFor(first)) {
        List<ConfigResult> pts = g.stream().filter(c -> Double.isFinite(c.mean(m)) && c.workload().prompt() > 0)
            .toList();
        long lengths = pts.stream().mapToInt(c -> c.workload().prompt()).distinct().count();
        if (lengths < 2) {
          out.add(new Series(first.machine(), first.model(), label, m, pts, null,
              lengths == 0 ? "no " + m.key() + " measured" : "one prompt length (" + first.workload().prompt()
                  + "): no scaling fit"));
          continue;
        }
        double[] x = pts.stream().mapToDouble(c -> c.workload().prompt()).toArray();
        double[] y = pts.stream().mapToDouble(c -> c.mean(m)).toArray();
        double[] cv = pts.stream().mapToDouble(c -> c.cv(m)).toArray();
        try {
          out.add(new Series(first.machine(), first.model(), label, m, pts, ScalingFit.fit(x, y, cv), null));
        } catch (IllegalArgumentException e) {
          // a report says what it cannot fit rather than failing
          out.add(new Series(first.machine(), first.model(), label, m, pts, null, e.getMessage()));
        }
      }
    }
    return out;
  }

  static ReportTable table(List<Series> series, ResultSet set) {
    var t = new ReportTable.Builder("scaling", "Scaling with prompt length (least squares: y = b0 + b1·x + b2·x²)",
        List.of("machine", "series", "metric", "points", "prompt lengths", "fit (ms, x = prompt tokens)", "R²",
            "scaling shortest→longest (×)", "at 2× longest (ms) [95% PI]", "at 4× longest (ms) [95% PI]",
            "warnings"));
    for (Series s : series) {
      if (s.fit() == null) {
        t.note(s.label() + " " + s.metric().key() + ": " + s.problem());
        continue;
      }
      ScalingFit f = s.fit();
      var p2 = f.predict(2 * f.longest(), CONFIDENCE);
      var p4 = f.predict(4 * f.longest(), CONFIDENCE);
      t.row(List.of(Cell.text(Comparisons.shortId(s.machine())), Cell.text(s.label()), Cell.text(s.metric().key()),
          Cell.integer(f.points()), Cell.text((long) f.shortest() + "–" + (long) f.longest()),
          Cell.text(f.formula()), Cell.num(f.rSquared()), Cell.num(f.scalingFactor()),
          Cell.num(p2.value(), Fmt.withCi(p2.value(), p2.low(), p2.high()) + " @" + (long) p2.x()),
          Cell.num(p4.value(), Fmt.withCi(p4.value(), p4.low(), p4.high()) + " @" + (long) p4.x()),
          Cell.text(String.join("; ", f.warnings()))));
    }
    if (series.isEmpty()) t.note("no measured configuration: no scaling analysis");
    t.note("extrapolations are predictions of a new measurement; beyond the measured range they assume the curve "
        + "keeps its shape");
    return t.build();
  }
}
