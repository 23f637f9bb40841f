package org.inferbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.inferbench.load.SloKnee;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.stats.Bootstrap;
import org.inferbench.stats.Interval;
import org.inferbench.stats.Percentiles;
import org.inferbench.workload.Slo;

/**
 * The serving findings: for each served configuration measured at several loads under SLOs, the highest load that
 * meets every SLO at p99 (see {@link SloKnee}), on the concurrency axis when every load is a concurrency, else on the
 * achieved request rate; and the throughput it plateaus at. The p99s' CIs are bootstrap intervals over the requests
 * (under load neighbouring requests move together, so these are on the narrow side).
 */
public final class ServingFindings {
  private ServingFindings() {}

  public static List<String> sentences(ResultSet set) {
    Map<String, List<ConfigResult>> groups = new LinkedHashMap<>();
    for (ConfigResult c : set.currentOk()) {
      if (c.serving() == null) continue;
      groups.computeIfAbsent(c.parametersWithout("load").toString(), k -> new ArrayList<>()).add(c);
    }
    List<String> out = new ArrayList<>();
    groups.forEach((key, results) -> {
      if (results.size() < 2) return;
      String label = results.get(0).model() + " (" + results.get(0).workload().engine() + ")";
      Object sloText = results.get(0).serving().get("slo");
      if (sloText == null) return;
      Slo slo = Slo.parse(sloText.toString());
      boolean concurrency = results.stream().allMatch(c -> c.workload().load().startsWith("c"));
      List<SloKnee.Point> points = new ArrayList<>();
      for (ConfigResult c : results) points.add(point(c, slo, concurrency));
      Optional<SloKnee.Knee> knee = SloKnee.of(points);
      String unit = concurrency ? "concurrent streams" : "requests/s";
      if (knee.isPresent()) {
        SloKnee.Knee k = knee.get();
        out.add(String.format(Locale.ROOT, "%s meets %s at p99 up to %s %s (95 %% CI %s–%s).", label, slo,
            Fmt.num(k.load()), unit, Fmt.num(k.low()), Fmt.num(k.high())));
      } else if (points.stream().allMatch(p -> p.ratio() <= 1)) {
        out.add(String.format(Locale.ROOT, "%s meets %s at p99 at every load measured (up to %s %s).", label, slo,
            Fmt.num(points.stream().mapToDouble(SloKnee.Point::load).max().orElse(0)), unit));
      } else {
        out.add(String.format(Locale.ROOT, "%s misses %s at p99 from the lightest load measured.", label, slo));
      }
    });
    return out;
  }

  /** The worst p99/objective ratio of a record, with the same from its p99s' CI bounds. */
  private static SloKnee.Point point(ConfigResult c, Slo slo, boolean concurrency) {
    ResultRecord r = c.record();
    // the label's first word is the shape ("c16 ramp 10s"): the concurrency is its number
    double x = concurrency ? Integer.parseInt(r.workload().load().split(" ", 2)[0].substring(1)) : c.requestThroughput();
    double mid = 0;
    double low = 0;
    double high = 0;
    for (var bound : List.of(Map.entry(Metric.TTFT, nz(slo.ttftMs())), Map.entry(Metric.TPOT, nz(slo.tpotMs())),
        Map.entry(Metric.E2E, nz(slo.e2eMs())))) {
      double[] v = r.samples() == null ? null : r.samples().get(bound.getKey().key());
      if (!(bound.getValue() > 0) || v == null || v.length == 0) continue;
      double p99 = Percentiles.of(v, 99);
      Interval ci = v.length >= 10 ? Bootstrap.ci(v, s -> Percentiles.of(s, 99)) : new Interval(p99, p99);
      mid = Math.max(mid, p99 / bound.getValue());
      low = Math.max(low, ci.low() / bound.getValue());
      high = Math.max(high, ci.high() / bound.getValue());
    }
    return new SloKnee.Point(x, mid, low, high);
  }

  private static double nz(Double d) {
    return d == null ? Double.NaN : d;
  }
}
