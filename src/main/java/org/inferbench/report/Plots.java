package org.inferbench.report;

import org.inferbench.load.Timelines;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.inferbench.report.plot.Plot;
import org.inferbench.results.Metric;
import org.inferbench.results.MetricStats;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's figures, built from the analysed results. Each method returns no figure where there is no data. */
public final class Plots {
  private static final int W = 760;
  private static final int H = 460;
  /** Cap on the points of one CDF: enough for a smooth curve, small enough for an inline SVG. */
  private static final int CDF_POINTS = 400;

  static {
    // charts are drawn off screen: never ask for a display, unless the caller chose otherwise
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /** A KV-cache pair as the plot needs it: the two arms and the speedup text of each panel. */
  public record KvBars(String label, ConfigResult on, ConfigResult off) {}

  /**
   * Latency against prompt length, one line per series, error bars = 95 % CI of the mean, log-scaled x. The TTFT
   * and E2E charts also draw encoders' forward latency (an encoder's whole answer is ready after its one pass),
   * so encoder, decoder and encoder-decoder scale side by side in one picture.
   */
  public static List<Plot> latencyCurves(List<ScalingAnalysis.Series> series) {
    List<Plot> plots = new ArrayList<>();
    for (Metric m : List.of(Metric.TTFT, Metric.E2E, Metric.ENCODER_LATENCY)) {
      XYChart chart = xy(m.key().toUpperCase(Locale.ROOT).replace('_', ' ') + " vs prompt length",
          "prompt length (tokens, log scale)", m.key() + " mean (ms)");
      chart.getStyler().setXAxisLogarithmic(true);
      chart.getStyler().setXAxisLogarithmicDecadeOnly(false); // prompt lengths are 2^k: label more than decades
      chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS); // long labels must not hide the lines
      Set<String> names = new LinkedHashSet<>();
      for (ScalingAnalysis.Series s : series) {
        boolean encoderBeside = m != Metric.ENCODER_LATENCY && s.metric() == Metric.ENCODER_LATENCY;
        if ((s.metric() != m && !encoderBeside) || s.points().size() < 2) continue;
        Metric sm = s.metric();
        double[] x = s.points().stream().mapToDouble(c -> c.workload().prompt()).toArray();
        double[] y = s.points().stream().mapToDouble(c -> c.mean(sm)).toArray();
        double[] err = s.points().stream().mapToDouble(c -> ciHalfWidth(c.stats(sm))).toArray();
        String label = encoderBeside ? s.label() + " (encoder: forward latency)" : s.label();
        XYSeries xs = chart.addSeries(unique(names, label), x, y, err);
        xs.setMarker(SeriesMarkers.CIRCLE);
      }
      if (!names.isEmpty()) plots.add(new Plot("latency_" + m.key(), chart.getTitle(), List.of(chart), 1, W, H));
    }
    return plots;
  }

  private static double ciHalfWidth(MetricStats s) {
    if (s == null || !Double.isFinite(s.meanCiLow()) || !Double.isFinite(s.meanCiHigh())) return 0;
    return Math.max(s.mean() - s.meanCiLow(), s.meanCiHigh() - s.mean());
  }

  /** Four panels (tokens/s, time per token, total time, memory), each category annotated with its ratio. */
  public static Plot kvCache(List<KvBars> pairs) {
    if (pairs.isEmpty()) return null;
    CategoryChart tps = bars("decode tokens/s (higher is better)", "tok/s");
    CategoryChart tpot = bars("time per output token (lower is better)", "TPOT mean (ms)");
    CategoryChart e2e = bars("total time per request (lower is better)", "E2E mean (ms)");
    CategoryChart mem = bars("peak memory (lower is better)", "peak RSS (MB)");
    add(tps, pairs, c -> c.mean(Metric.DECODE_THROUGHPUT), (on, off) -> on / off, "×%.2f faster");
    add(tpot, pairs, c -> c.mean(Metric.TPOT), (on, off) -> off / on, "×%.2f faster");
    add(e2e, pairs, c -> c.mean(Metric.E2E), (on, off) -> off / on, "×%.2f faster");
    add(mem, pairs, ConfigResult::peakMb, (on, off) -> (1 - off / on) * 100, "off saves %.1f%%");
    return new Plot("kv_cache", "KV-cache on vs off", List.of(tps, tpot, e2e, mem), 2, W, H);
  }

  /**
   * Per workload, each weight type's TTFT, prefill and decode tokens/s: bars in the order measured, each category
   * naming the type and its decode speedup over the base arm.
   */
  static Plot quantization(List<QuantizationTable.Row> rows) {
    if (rows.isEmpty()) return null;
    CategoryChart ttft = bars("time to first token (lower is better)", "TTFT mean (ms)");
    CategoryChart prefill = bars("prefill tokens/s (higher is better)", "tok/s");
    CategoryChart decode = bars("decode tokens/s (higher is better)", "tok/s");
    Map<String, List<QuantizationTable.Row>> byWorkload = new LinkedHashMap<>();
    for (QuantizationTable.Row r : rows) {
      String w = "p" + r.arm().workload().prompt() + " o" + r.arm().workload().output() + " " + r.arm().model();
      byWorkload.computeIfAbsent(w, k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, List<QuantizationTable.Row>> e : byWorkload.entrySet()) {
      List<String> cats = new ArrayList<>();
      for (QuantizationTable.Row r : e.getValue()) {
        cats.add(QuantizationTable.weightType(r.arm()) + String.format(Locale.ROOT, " (×%.2f)", r.speedup()));
      }
      ttft.addSeries(e.getKey(), cats, values(e.getValue(), Metric.TTFT));
      prefill.addSeries(e.getKey(), cats, values(e.getValue(), Metric.PREFILL_THROUGHPUT));
      decode.addSeries(e.getKey(), cats, values(e.getValue(), Metric.DECODE_THROUGHPUT));
    }
    return new Plot("quantization", "Weight types: speed against the base arm", List.of(ttft, prefill, decode), 3,
        W, H);
  }

  private static List<Double> values(List<QuantizationTable.Row> rows, Metric m) {
    List<Double> v = new ArrayList<>();
    for (QuantizationTable.Row r : rows) {
      double x = r.arm().mean(m);
      v.add(Double.isFinite(x) ? x : 0.0);
    }
    return v;
  }

  private interface Value {
    double of(ConfigResult c);
  }

  private interface Ratio {
    double of(double on, double off);
  }

  private static void add(CategoryChart chart, List<KvBars> pairs, Value v, Ratio ratio, String format) {
    List<String> cats = new ArrayList<>();
    List<Double> on = new ArrayList<>();
    List<Double> off = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (KvBars p : pairs) {
      double a = v.of(p.on());
      double b = v.of(p.off());
      double r = ratio.of(a, b);
      String annotation = !Double.isFinite(r) ? "n/a"
          : format.startsWith("off saves") && r < 0 ? String.format(Locale.ROOT, "off costs %.0f%% more", -r)
          : String.format(Locale.ROOT, format, r);
      cats.add(unique(seen, p.label() + " (" + annotation + ")"));
      on.add(Double.isFinite(a) ? a : 0.0);
      off.add(Double.isFinite(b) ? b : 0.0);
    }
    chart.addSeries("kv-cache on", cats, on);
    chart.addSeries("kv-cache off", cats, off);
  }

  /** Each headline figure of one configuration across its accumulated runs. */
  public static Plot trend(String id, String label, List<ConfigResult> runs) {
    List<ConfigResult> ok = runs.stream().filter(c -> c.record().ok()).toList();
    if (ok.size() < 2) return null;
    ConfigResult last = ok.get(ok.size() - 1);
    List<Chart<?, ?>> panels = new ArrayList<>();
    Map<String, Value> figures = new LinkedHashMap<>();
    figures.put(last.headline().key() + " mean (ms)", c -> c.mean(last.headline()));
    if (last.shape().generates()) {
      figures.put("ttft mean (ms)", c -> c.mean(Metric.TTFT));
      figures.put("decode_throughput mean (tok/s)", c -> c.mean(Metric.DECODE_THROUGHPUT));
    } else {
      figures.put("encoder_tokens_throughput mean (tok/s)", c -> c.mean(Metric.ENCODER_TOKENS_THROUGHPUT));
    }
    figures.put("peak RSS (MB)", ConfigResult::peakMb);
    for (var e : figures.entrySet()) {
      List<Date> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (ConfigResult c : ok) {
        double v = e.getValue().of(c);
        if (!Double.isFinite(v)) continue;
        x.add(Date.from(c.time()));
        y.add(v);
      }
      if (x.size() < 2) continue;
      XYChart chart = xy(e.getKey(), "run time (UTC)", e.getKey());
      chart.getStyler().setDatePattern("MM-dd HH:mm");
      chart.getStyler().setLegendVisible(false);
      chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
      panels.add(chart);
    }
    if (panels.isEmpty()) return null;
    return new Plot(id, "Over time: " + label, panels, 2, W / 2 + 120, H * 3 / 4);
  }

  /** The cumulative distribution of inter-token latency, pooling every gap of each model's configurations. */
  public static Plot itlCdf(Map<String, List<ConfigResult>> byModel) {
    XYChart chart = xy("ITL distribution (CDF)", "inter-token latency (ms)", "fraction of gaps ≤ x");
    chart.getStyler().setYAxisMax(1.0).setYAxisMin(0.0);
    Set<String> names = new LinkedHashSet<>();
    for (var e : byModel.entrySet()) {
      double[] all = e.getValue().stream().map(c -> c.record().samples(Metric.ITL)).filter(s -> s != null)
          .flatMapToDouble(Arrays::stream).filter(Double::isFinite).sorted().toArray();
      if (all.length == 0) continue;
      int n = Math.min(all.length, CDF_POINTS);
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        int idx = n == all.length ? i : (int) Math.round((double) i * (all.length - 1) / (n - 1));
        x[i] = all[idx];
        y[i] = (idx + 1.0) / all.length;
      }
      chart.addSeries(unique(names, e.getKey()), x, y).setMarker(SeriesMarkers.NONE);
    }
    return names.isEmpty() ? null : new Plot("itl_cdf", chart.getTitle(), List.of(chart), 1, W, H);
  }

  /** Each configuration's throughput against its headline latency, one marker series per model. */
  public static Plot throughputVsLatency(Map<String, List<ConfigResult>> byModel) {
    XYChart chart = xy("Throughput vs latency", "headline latency p50 (ms, log scale)",
        "throughput mean (tok/s, log scale)");
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(9);
    // encoders reach tens of thousands of tokens/s, decoders hundreds: only log axes show both
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setYAxisDecimalPattern("#,##0");
    chart.getStyler().setXAxisDecimalPattern("#,##0.#");
    Set<String> names = new LinkedHashSet<>();
    for (var e : byModel.entrySet()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (ConfigResult c : e.getValue()) {
        double lat = c.p50(c.headline());
        double tps = c.mean(c.throughputMetric());
        if (Double.isFinite(lat) && Double.isFinite(tps)) {
          x.add(lat);
          y.add(tps);
        }
      }
      if (!x.isEmpty()) chart.addSeries(unique(names, e.getKey()), x, y);
    }
    return names.isEmpty() ? null : new Plot("throughput_latency", chart.getTitle(), List.of(chart), 1, W, H);
  }

  /**
   * Serving: each server's achieved request throughput against its TTFT p50 and p99 across the loads measured —
   * the knee is where the latency turns up while the throughput stops growing.
   */
  public static Plot servingKnee(Map<String, List<ConfigResult>> byServer) {
    XYChart chart = xy("Serving: throughput vs TTFT across loads", "request throughput (requests/s)",
        "TTFT (ms, log scale)");
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    Set<String> names = new LinkedHashSet<>();
    for (var e : byServer.entrySet()) {
      List<ConfigResult> points = new ArrayList<>(e.getValue());
      points.sort(java.util.Comparator.comparingDouble(ConfigResult::requestThroughput));
      List<Double> x = new ArrayList<>();
      List<Double> p50 = new ArrayList<>();
      List<Double> p99 = new ArrayList<>();
      for (ConfigResult c : points) {
        MetricStats ttft = c.record().stats(Metric.TTFT);
        if (ttft == null || !Double.isFinite(c.requestThroughput())) continue;
        x.add(c.requestThroughput());
        p50.add(ttft.p50());
        p99.add(ttft.p99());
      }
      if (x.size() < 2) continue;
      chart.addSeries(unique(names, e.getKey() + " p50"), x, p50);
      chart.addSeries(unique(names, e.getKey() + " p99"), x, p99);
    }
    return names.isEmpty() ? null : new Plot("serving_knee", chart.getTitle(), List.of(chart), 1, W, H);
  }

  /** Serving: how many requests were in flight over each load's measured window, one step line per load. */
  public static Plot inFlight(String id, String server, List<ConfigResult> loads) {
    XYChart chart = xy("Requests in flight: " + server, "time from the first send (s)", "requests in flight");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    Set<String> names = new LinkedHashSet<>();
    for (ConfigResult c : loads) {
      Map<?, ?> s = c.serving();
      if (s == null || !(s.get("in_flight") instanceof List<?> points) || points.size() < 2) continue;
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (Object p : points) {
        // read back from a results file a point is a list; fresh from a run, an array
        double[] tn = p instanceof double[] d && d.length == 2 ? d
            : p instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number t && l.get(1) instanceof Number n
                ? new double[] {t.doubleValue(), n.doubleValue()} : null;
        if (tn == null) continue;
        if (!y.isEmpty()) { // a step: the count holds until the next change
          x.add(tn[0]);
          y.add(y.get(y.size() - 1));
        }
        x.add(tn[0]);
        y.add(tn[1]);
      }
      if (x.size() >= 2) chart.addSeries(unique(names, c.workload().load()), x, y).setMarker(SeriesMarkers.NONE);
    }
    return names.isEmpty() ? null : new Plot(id, chart.getTitle(), List.of(chart), 1, W, H);
  }

  /** Requests drawn at most in a per-request timeline: beyond it, every k-th by send order. */
  static final int TIMELINE_REQUESTS = 200;

  /**
   * Serving: each request of one load as a line at its own height, from its send to its first token (waiting and
   * prefill) and on to its end (streaming), failed ones apart — read from the run's timeline file, so only where
   * that file is still next to the results. The heaviest load shows most (queueing is where requests differ).
   */
  public static Plot requestTimeline(String id, String server, ConfigResult load, List<Timelines.Span> spans) {
    if (spans.isEmpty()) return null;
    XYChart chart = xy("Each request over time: " + server + " " + load.workload().load(),
        "time from the first send (s)", "request (by send)");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    int step = Math.max(1, (spans.size() + TIMELINE_REQUESTS - 1) / TIMELINE_REQUESTS);
    Map<String, Segments> series = new LinkedHashMap<>();
    for (String name : List.of("to first token", "streaming", "failed", "ramp-up (not measured)")) {
      series.put(name, new Segments(new ArrayList<>(), new ArrayList<>()));
    }
    for (int i = 0; i < spans.size(); i += step) {
      Timelines.Span r = spans.get(i);
      double y = i + 1;
      if (r.error() != null) {
        series.get("failed").add(r.sendMs(), r.endMs(), y);
      } else if (r.ramp()) {
        series.get("ramp-up (not measured)").add(r.sendMs(), r.endMs(), y);
      } else {
        double first = Double.isNaN(r.firstChunkMs()) ? r.endMs() : r.firstChunkMs();
        series.get("to first token").add(r.sendMs(), first, y);
        series.get("streaming").add(first, r.endMs(), y);
      }
    }
    for (var e : series.entrySet()) {
      if (e.getValue().x().isEmpty()) continue;
      chart.addSeries(e.getKey(), e.getValue().x(), e.getValue().y()).setMarker(SeriesMarkers.NONE);
    }
    return new Plot(id, chart.getTitle() + (step > 1 ? " (every " + step + "th request)" : ""), List.of(chart), 1, W,
        H);
  }

  /** Horizontal segments drawn as one series, each apart from the next by a gap (NaN breaks XChart's line). */
  private record Segments(List<Double> x, List<Double> y) {
    void add(double fromMs, double toMs, double at) {
      x.add(fromMs / 1000);
      y.add(at);
      x.add(toMs / 1000);
      y.add(at);
      x.add(toMs / 1000);
      y.add(Double.NaN);
    }
  }

  private static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
        .build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    return chart;
  }

  private static CategoryChart bars(String title, String yTitle) {
    CategoryChart chart = new CategoryChartBuilder().width(W).height(H).title(title).yAxisTitle(yTitle).build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    // a category label carries its configuration and ratio: slant them so neighbours do not overwrite each other
    chart.getStyler().setXAxisLabelRotation(20);
    chart.getStyler().setYAxisMin(0.0);
    return chart;
  }

  private static void style(org.knowm.xchart.style.AxesChartStyler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setLegendBorderColor(new Color(200, 200, 200));
  }

  /** XChart rejects two series of one name: a repeated label gets a counter. */
  private static String unique(Set<String> seen, String name) {
    String n = name;
    for (int i = 2; !seen.add(n); i++) n = name + " #" + i;
    return n;
  }
}
