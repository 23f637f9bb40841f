package org.inferbench.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.inferbench.results.Metric;
import org.inferbench.results.MetricStats;
import org.inferbench.results.ResultRecord;
import org.inferbench.report.ConfigResult;
import org.inferbench.report.ResultSet;
import org.inferbench.report.ServingFindings;
import org.inferbench.report.table.BoxTable;

/**
 * The table printed after a run: the parameters that vary between its configurations, then TTFT p50/p95,
 * TPOT p50 (p50/p99 of both in a serving run), E2E p50/p95/p99 (an encoder's forward latency in its place), decode tok/s, peak MB and flags; below it
 * the parameters every row shares (prompt 128, threads 2), so a table never leaves out what was measured.
 */
final class SummaryTable {
  private SummaryTable() {}

  static String render(List<ResultRecord> records) {
    List<String> headers = new ArrayList<>();
    List<Function<ResultRecord, String>> cols = new ArrayList<>();
    List<String> constant = new ArrayList<>();
    addIfVaries(records, headers, cols, constant, "model", r -> r.workload().model(), true);
    addIfVaries(records, headers, cols, constant, "engine", r -> r.workload().engine(), false);
    addIfVaries(records, headers, cols, constant, "batch", r -> Integer.toString(r.workload().batch()), false);
    addIfVaries(records, headers, cols, constant, "prompt", r -> Integer.toString(r.workload().prompt()), false);
    addIfVaries(records, headers, cols, constant, "output", r -> Integer.toString(r.workload().output()), false);
    addIfVaries(records, headers, cols, constant, "load", r -> r.workload().load() == null ? "" : r.workload().load(), false);
    // blank for fixed lengths, so that summaries without distributions read as before
    addIfVaries(records, headers, cols, constant, "lengths", r -> r.workload().lengths() == null ? ""
        : r.workload().lengths(), false);
    Set<String> keys = new TreeSet<>();
    for (ResultRecord r : records) keys.addAll(r.workload().engineSettings().keySet());
    for (String k : keys) {
      addIfVaries(records, headers, cols, constant, k, r -> r.workload().engineSettings().getOrDefault(k, ""), false);
    }
    boolean serving = records.stream().anyMatch(r -> serving(r) != null);
    // a serving run's objectives are read at p99 (the SLO findings): its TTFT and TPOT show that tail
    headers.addAll(List.of(serving ? "TTFT p50/p99 (ms)" : "TTFT p50/p95 (ms)", serving ? "TPOT p50/p99 (ms)"
        : "TPOT p50 (ms)", "E2E p50/p95/p99 (ms)", "decode tok/s", "peak MB"));
    if (serving) headers.addAll(List.of("req/s", "out tok/s", "goodput/s (share)", "failed"));
    // where a server reported its prefix cache: the share of the prompt tokens it answered from it
    boolean cache = records.stream().anyMatch(r -> promptCache(r) != null);
    if (cache) headers.add("prompt cached (hits)");
    boolean roofline = records.stream().anyMatch(r -> roofline(r) != null);
    if (roofline) headers.addAll(List.of("MFU prefill/enc", "MBU decode"));
    headers.add("flags");
    BoxTable t = new BoxTable(headers);
    boolean encoderShown = false;
    for (ResultRecord r : records) {
      List<String> row = new ArrayList<>();
      for (Function<ResultRecord, String> c : cols) row.add(c.apply(r));
      if (!r.ok()) {
        row.addAll(List.of("", "", "", "", ""));
        if (serving) row.addAll(List.of("", "", "", ""));
        if (cache) row.add("");
        if (roofline) row.addAll(List.of("", ""));
        row.add(r.status().label() + ": " + r.reason());
      } else {
        MetricStats ttft = r.stats(Metric.TTFT);
        MetricStats tpot = r.stats(Metric.TPOT);
        MetricStats e2e = r.stats(Metric.E2E);
        if (e2e == null) {
          e2e = r.stats(Metric.ENCODER_LATENCY);
          encoderShown = true;
        }
        MetricStats dec = r.stats(Metric.DECODE_THROUGHPUT);
        row.add(ttft == null ? "–" : f(ttft.p50()) + " / " + f(serving ? ttft.p99() : ttft.p95()));
        row.add(tpot == null ? "–" : f(tpot.p50()) + (serving ? " / " + f(tpot.p99()) : ""));
        row.add(e2e == null ? "–" : f(e2e.p50()) + " / " + f(e2e.p95()) + " / " + f(e2e.p99()) + (r.stats(Metric.E2E) == null ? " fwd" : ""));
        row.add(dec == null ? "–" : f(dec.p50()));
        row.add(r.trackers() != null && r.trackers().peakRssMb() != null ? String.format(Locale.ROOT, "%.0f", r.trackers().peakRssMb()) : "–");
        if (serving) row.addAll(servingCells(serving(r)));
        if (cache) row.add(cacheCell(promptCache(r)));
        if (roofline) {
          Map<?, ?> roof = roofline(r);
          row.add(utilization(roof, "prefill", "mfu") + utilization(roof, "encoder", "mfu"));
          row.add(utilization(roof, "decode", "mbu"));
        }
        row.add(String.join(",", r.flags()));
      }
      t.row(row.toArray());
    }
    String out = t.render();
    if (!constant.isEmpty()) out += "every row: " + String.join(", ", constant) + "\n";
    if (serving) {
      for (String f : ServingFindings.sentences(new ResultSet(records))) out += f + "\n";
    }
    if (records.stream().anyMatch(r -> r.flags().contains("unasked-cache-hits"))) {
      out += "unasked-cache-hits: the server answered prompts from its prefix cache that the workload did not share:"
          + " TTFT there times a cache lookup, not prefill\n";
    }
    if (encoderShown) out += "fwd: an encoder's forward latency (encoder_latency) in the E2E columns\n";
    if (roofline) {
      out += "MFU/MBU: share of this machine's probed matrix-multiply peak / memory bandwidth (≥ 50 %: near its roof;"
          + " over 100 %: the probe underestimates the roof); ≥ the ceiling: the time at 100 %\n";
    }
    return out;
  }

  private static Map<?, ?> serving(ResultRecord r) {
    return new ConfigResult(r).serving();
  }

  /** Request and output-token throughput over the measured window, goodput under the SLOs, failed requests. */
  private static List<String> servingCells(Map<?, ?> s) {
    if (s == null) return List.of("–", "–", "–", "–");
    String goodput = s.get("goodput_per_s") instanceof Number g && s.get("good_share") instanceof Number share
        ? f(g.doubleValue()) + String.format(Locale.ROOT, " (%.0f %%)", share.doubleValue() * 100) : "–";
    return List.of(num(s.get("request_throughput_per_s")), num(s.get("output_token_throughput_per_s")), goodput,
        String.valueOf(s.get("failed")));
  }

  private static Map<?, ?> promptCache(ResultRecord r) {
    Map<?, ?> s = serving(r);
    return s != null && s.get("prompt_cache") instanceof Map<?, ?> m ? m : null;
  }

  /** "0.0 % (0)": the share of prompt tokens the cache answered, and the requests that hit beyond the fixed prefix. */
  private static String cacheCell(Map<?, ?> c) {
    if (c == null || !(c.get("cached_share") instanceof Number share)) return "–";
    return String.format(Locale.ROOT, "%.1f %% (%s)", share.doubleValue() * 100, c.get("hit_requests"));
  }

  private static String num(Object o) {
    return o instanceof Number n ? f(n.doubleValue()) : "–";
  }

  private static Map<?, ?> roofline(ResultRecord r) {
    if (r.trackers() == null || r.trackers().extra() == null) return null;
    return r.trackers().extra().get("roofline") instanceof Map<?, ?> m ? m : null;
  }

  /** "37 % (overhead-bound, ceiling 1.2 ms)" for one phase, or "" when it was not computed. */
  private static String utilization(Map<?, ?> roof, String phase, String key) {
    if (roof == null || !(roof.get(phase) instanceof Map<?, ?> p) || !(p.get(key) instanceof Number u)) return "";
    Object ceiling = p.get("ceiling_ms");
    return String.format(Locale.ROOT, "%.1f %% %s, ≥%s ms", u.doubleValue() * 100,
        "near its roof".equals(p.get("verdict")) ? "near roof" : "overhead-bound",
        ceiling instanceof Number c ? f(c.doubleValue()) : "?");
  }

  /** A column where the values differ between rows; otherwise "name value" joins the constants stated below. */
  private static void addIfVaries(List<ResultRecord> records, List<String> headers,
      List<Function<ResultRecord, String>> cols, List<String> constant, String name,
      Function<ResultRecord, String> get, boolean always) {
    Set<String> values = new LinkedHashSet<>();
    for (ResultRecord r : records) values.add(get.apply(r));
    if (always || values.size() > 1) {
      headers.add(name);
      cols.add(get);
    } else if (!values.isEmpty() && !values.iterator().next().isEmpty()) {
      constant.add(name + " " + values.iterator().next());
    }
  }

  static String f(double v) {
    if (Double.isNaN(v)) return "–";
    if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.1f", v);
    if (Math.abs(v) >= 1) return String.format(Locale.ROOT, "%.2f", v);
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
