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
import org.inferbench.core.BadInputException;
import org.inferbench.engine.SettingSpec;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.report.table.BoxTable;
import org.inferbench.report.table.TableLayout;
import org.inferbench.stats.VarianceComponents;

/**
 * The table printed after a run: the parameters that vary between its configurations, then TTFT p50, TPOT p50 (p50/p99
 * of both in a serving run, where SLOs are read), E2E p50 (an encoder's forward latency in its place), E2E's
 * mean ± the 95 % CI (across forks, as the record built it), decode tok/s,
 * peak MB and flags; tails and roofline columns are optional (shown with {@code --wide} or where they fit 120
 * columns). Below it the parameters every row shares (prompt 128, threads=2), engine settings only where they differ
 * from the engine's default (the record holds them all), and any failure's reason.
 */
final class SummaryTable {
  private SummaryTable() {}

  static String render(List<ResultRecord> records) {
    return render(records, TableLayout.current());
  }

  static String render(List<ResultRecord> records, TableLayout layout) {
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
    for (String k : keys) addSetting(records, headers, cols, constant, k);
    boolean serving = records.stream().anyMatch(r -> serving(r) != null);
    // where a server reported its prefix cache: the share of the prompt tokens it answered from it
    boolean cache = records.stream().anyMatch(r -> promptCache(r) != null);
    boolean roofline = records.stream().anyMatch(r -> roofline(r) != null);
    // a serving run's objectives are read at p99 (the SLO findings): its TTFT and TPOT show that tail
    headers.add(serving ? "TTFT p50/p99 (ms)" : "TTFT p50 (ms)");
    if (!serving) headers.add(TTFT_TAIL);
    headers.addAll(List.of(serving ? "TPOT p50/p99 (ms)" : "TPOT p50 (ms)", "E2E p50 (ms)", E2E_TAILS,
        "E2E mean ± CI", "decode tok/s", "peak MB"));
    if (serving) headers.addAll(List.of("req/s", "out tok/s", "goodput/s (share)", "failed"));
    if (cache) headers.add("prompt cached (hits)");
    if (roofline) headers.addAll(List.of("MFU prefill/enc", "MBU decode"));
    headers.add("flags");
    BoxTable t = new BoxTable(headers).optional(E2E_TAILS, TTFT_TAIL, "failed", "MBU decode", "MFU prefill/enc", "peak MB");
    boolean encoderShown = false;
    List<String> reasons = new ArrayList<>();
    int width = headers.size() - cols.size();
    for (ResultRecord r : records) {
      List<String> row = new ArrayList<>();
      for (Function<ResultRecord, String> c : cols) row.add(c.apply(r));
      if (!r.ok()) {
        while (row.size() < cols.size() + width - 1) row.add("");
        reasons.add(r.status().label() + " [" + (reasons.size() + 1) + "]: " + r.reason());
        row.add(r.status().label() + " [" + reasons.size() + "]");
      } else {
        MetricStats ttft = r.stats(Metric.TTFT);
        MetricStats tpot = r.stats(Metric.TPOT);
        MetricStats e2e = r.stats(Metric.E2E);
        if (e2e == null) {
          e2e = r.stats(Metric.ENCODER_LATENCY);
          encoderShown = true;
        }
        MetricStats dec = r.stats(Metric.DECODE_THROUGHPUT);
        String fwd = r.stats(Metric.E2E) == null ? " fwd" : "";
        row.add(ttft == null ? "–" : f(ttft.p50()) + (serving ? " / " + f(ttft.p99()) : ""));
        if (!serving) row.add(ttft == null ? "–" : f(ttft.p95()));
        row.add(tpot == null ? "–" : f(tpot.p50()) + (serving ? " / " + f(tpot.p99()) : ""));
        row.add(e2e == null ? "–" : f(e2e.p50()) + fwd);
        row.add(e2e == null ? "–" : f(e2e.p95()) + " / " + f(e2e.p99()));
        row.add(e2e == null ? "–" : meanCi(e2e));
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
    String out = t.render(layout);
    if (!constant.isEmpty()) out += BoxTable.lines("every row: " + String.join(", ", constant), layout);
    for (String reason : reasons) out += BoxTable.lines(reason, layout);
    if (serving) {
      for (String f : ServingFindings.sentences(new ResultSet(records))) out += f + "\n";
    }
    if (records.stream().anyMatch(r -> r.flags().contains("unasked-cache-hits"))) {
      out += "unasked-cache-hits: the server answered prompts from its prefix cache that the workload did not share:"
          + " TTFT there times a cache lookup, not prefill\n";
    }
    if (encoderShown) out += "fwd: an encoder's forward latency (encoder_latency) in the E2E columns\n";
    out += ciNote(records);
    // the note explains the columns only where they are shown, not where "more columns with --wide" names them
    if (roofline && out.lines().anyMatch(l -> !l.startsWith("more columns") && l.contains("MFU prefill/enc"))) {
      out += "MFU/MBU: share of this machine's probed matrix-multiply peak / memory bandwidth (≥ 50 %: near its roof;"
          + " over 100 %: the probe underestimates the roof); ≥ the ceiling: the time at 100 %\n";
    }
    return out;
  }

  private static final String TTFT_TAIL = "TTFT p95 (ms)";
  private static final String E2E_TAILS = "E2E p95/p99 (ms)";

  /**
   * An engine setting: a column where its values differ between the rows that have it (a setting of another engine
   * is blank), else "key=value" below the table where it differs from its engine's default. The record keeps them all.
   */
  private static void addSetting(List<ResultRecord> records, List<String> headers,
      List<Function<ResultRecord, String>> cols, List<String> constant, String key) {
    Function<ResultRecord, String> get = r -> r.workload().engineSettings().getOrDefault(key, "");
    Set<String> values = new LinkedHashSet<>();
    for (ResultRecord r : records) {
      if (!get.apply(r).isEmpty()) values.add(get.apply(r));
    }
    if (values.size() > 1) {
      headers.add(key);
      cols.add(get);
    } else if (values.size() == 1 && records.stream().anyMatch(r -> !isDefault(r, key, get.apply(r)))) {
      // a setting only some engines have: say whose it is
      Set<String> engines = new TreeSet<>();
      for (ResultRecord r : records) {
        if (!get.apply(r).isEmpty()) engines.add(r.workload().engine());
      }
      boolean all = records.stream().noneMatch(r -> get.apply(r).isEmpty());
      constant.add(key + "=" + values.iterator().next() + (all ? "" : " (" + String.join(", ", engines) + ")"));
    }
  }

  /** Whether this record's engine declares {@code value} as the setting's default (an unknown engine: no). */
  private static boolean isDefault(ResultRecord r, String key, String value) {
    if (value.isEmpty()) return true;
    try {
      for (SettingSpec s : EngineRegistry.get(r.workload().engine()).settings()) {
        // no declared default: the value is derived from the run (a seed following --seed), not chosen
        if (s.key().equals(key)) return s.defaultValue() == null || value.equals(s.defaultValue());
      }
    } catch (BadInputException e) {
      return false;
    }
    return false;
  }

  /** The headline latency's mean with the half-width of its 95 % CI (across forks where the record has them). */
  private static String meanCi(MetricStats s) {
    return f(s.mean()) + " ± " + f((s.meanCiHigh() - s.meanCiLow()) / 2);
  }

  /** What the ± is: across forks, over rounds, or within one process (said when any row's CI is of that kind). */
  private static String ciNote(List<ResultRecord> records) {
    Set<String> methods = new TreeSet<>();
    for (ResultRecord r : records) {
      if (r.ok()) methods.add(r.levels() == null ? "batch" : r.levels().method());
    }
    // one line per kind, each within 80 columns
    String out = "";
    if (methods.contains(VarianceComponents.T_OVER_FORKS)) out += "E2E mean ± CI: 95 %, Student's t over the fork means\n";
    if (methods.contains(VarianceComponents.T_OVER_ROUNDS)) {
      out += "E2E mean ± CI: 95 %, Student's t over the round means (one process)\n";
    }
    if (methods.contains(VarianceComponents.WITHIN_ONLY)) {
      out += "E2E mean ± CI: one fork, within one process: a rerun need not hold it (--forks)\n";
    }
    if (methods.contains("batch")) out += "E2E mean ± CI: batch means or bootstrap of one run (under load, schema < 5)\n";
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
