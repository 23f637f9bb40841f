package org.inferbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.inferbench.results.Metric;

/**
 * The same model on two engines: configurations on one machine with the same model and workload (batch, prompt,
 * output, prompt source) but different engines, each record of one engine set beside the other engine's record whose
 * weights cost most nearly the same bytes per parameter (fp32 beside F32, int8 beside Q8_0). A pair is like for like
 * when the projections' bytes per weight and the bytes a decode step reads agree within 10 %; otherwise the table
 * says what differs, since that, not the engine, may explain the speed.
 */
public final class EngineComparison {
  /** How far two arms' bytes may differ and still be like for like. */
  static final double LIKE_FOR_LIKE = 0.10;

  /** The phases' metrics in the table. */
  private static final List<Metric> METRICS = List.of(Metric.TTFT, Metric.TPOT, Metric.DECODE_THROUGHPUT);

  /** Two engines on one model and workload; {@code difference} is null for a like-for-like pair. */
  public record Pair(ConfigResult a, ConfigResult b, String difference) {
    public boolean likeForLike() {
      return difference == null;
    }
  }

  private EngineComparison() {}

  /** Every pair, the engines of each in alphabetical order. */
  public static List<Pair> pairs(ResultSet set) {
    return pairs(set, List.of());
  }

  /** Every pair, engines named in {@code order} first (as given to compare-engines), the rest alphabetically. */
  public static List<Pair> pairs(ResultSet set, List<String> order) {
    List<Pair> pairs = new ArrayList<>();
    for (String machine : set.machines()) {
      Map<Map<String, String>, Map<String, List<ConfigResult>>> groups = new LinkedHashMap<>();
      for (ConfigResult c : set.currentOkOn(machine)) {
        if (!c.shape().generates()) continue;
        Map<String, String> workload = new LinkedHashMap<>();
        for (String k : List.of("model", "batch", "prompt", "output", "prompt source")) {
          workload.put(k, c.parameters().get(k));
        }
        groups.computeIfAbsent(workload, k -> new LinkedHashMap<>())
            .computeIfAbsent(c.workload().engine(), k -> new ArrayList<>()).add(c);
      }
      for (Map<String, List<ConfigResult>> byEngine : groups.values()) {
        List<String> engines = byEngine.keySet().stream().sorted(java.util.Comparator
            .comparingInt((String e) -> order.contains(e) ? order.indexOf(e) : order.size())
            .thenComparing(e -> e)).toList();
        for (int i = 0; i < engines.size(); i++) {
          for (int j = i + 1; j < engines.size(); j++) {
            pairUp(byEngine.get(engines.get(i)), byEngine.get(engines.get(j)), pairs);
          }
        }
      }
    }
    return pairs;
  }

  /** Each of {@code as} beside the {@code bs} record of the nearest bytes per weight (where both are known). */
  private static void pairUp(List<ConfigResult> as, List<ConfigResult> bs, List<Pair> out) {
    for (ConfigResult a : as) {
      ConfigResult best = null;
      double distance = Double.POSITIVE_INFINITY;
      for (ConfigResult b : bs) {
        double d = Math.abs(Math.log(bytesPerWeight(a) / bytesPerWeight(b)));
        if (Double.isNaN(d)) d = as.size() == 1 && bs.size() == 1 ? 0 : Double.NaN;
        if (d < distance) {
          distance = d;
          best = b;
        }
      }
      if (best != null) out.add(new Pair(a, best, difference(a, best)));
    }
  }

  /** Null when like for like, else what differs in bytes. */
  private static String difference(ConfigResult a, ConfigResult b) {
    double wa = bytesPerWeight(a);
    double wb = bytesPerWeight(b);
    double sa = decodeBytesPerStep(a);
    double sb = decodeBytesPerStep(b);
    if (Double.isNaN(wa) || Double.isNaN(wb)) return "unknown: an engine reported no weight types";
    List<String> parts = new ArrayList<>();
    if (!close(wa, wb)) {
      parts.add(String.format(Locale.ROOT, "projections %.2f vs %.2f bytes/weight", wa, wb));
    }
    if (Double.isFinite(sa) && Double.isFinite(sb) && !close(sa, sb)) {
      parts.add(String.format(Locale.ROOT, "a decode step reads %.2f vs %.2f GB", sa / 1e9, sb / 1e9));
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private static boolean close(double x, double y) {
    return Math.abs(x - y) <= LIKE_FOR_LIKE * Math.max(x, y);
  }

  static double bytesPerWeight(ConfigResult c) {
    return c.roofline("weights").get("matmul_bytes_per_weight") instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static double decodeBytesPerStep(ConfigResult c) {
    return c.roofline("decode").get("work") instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /**
   * One row per pair and metric: both means, A over B with its bootstrap 95 % CI (a speedup for latencies, a ratio
   * for throughput, both > 1 when A is faster) and the faster engine where the interval excludes 1.
   */
  public static ReportTable table(List<Pair> pairs) {
    var t = new ReportTable.Builder("engine_comparison", "Engine comparisons (same model and workload, same machine)",
        List.of("machine", "model", "workload", "A (weights)", "B (weights)", "like for like", "metric", "A", "B",
            "A over B [95% CI]", "faster"));
    for (Pair p : pairs) {
      ConfigResult a = p.a();
      ConfigResult b = p.b();
      List<Cell> head = List.of(Cell.text(a.shortMachine()), Cell.text(a.model()), Cell.text(workload(a)),
          Cell.text(arm(a)), Cell.text(arm(b)), Cell.text(p.likeForLike() ? "yes" : "no: " + p.difference()));
      for (Metric m : METRICS) {
        boolean higherBetter = !m.lowerIsBetter();
        double[] sa = a.record().samples(m);
        double[] sb = b.record().samples(m);
        double ratio = higherBetter ? a.mean(m) / b.mean(m) : b.mean(m) / a.mean(m);
        double[] ci = higherBetter ? RatioBootstrap.ratioOfMeans(sa, sb) : RatioBootstrap.ratioOfMeans(sb, sa);
        List<Cell> row = new ArrayList<>(head);
        row.addAll(List.of(Cell.text(m.key() + " (" + m.unit() + ")"), Cell.num(a.mean(m)), Cell.num(b.mean(m)),
            Cell.num(ratio, Fmt.withCi(ratio, ci[0], ci[1])), Cell.text(faster(a, b, ci))));
        t.row(row);
      }
      List<Cell> memory = new ArrayList<>(head);
      double mem = a.peakMb() / b.peakMb();
      memory.addAll(List.of(Cell.text("peak memory (MB)"), Cell.num(a.peakMb()), Cell.num(b.peakMb()),
          Cell.num(mem, Fmt.num(mem) + " (A ÷ B, one peak per arm)"), Cell.NONE));
      t.row(memory);
    }
    t.note("A over B: for TTFT and TPOT the latency of B ÷ that of A, for decode tokens/s A ÷ B: > 1 means A is"
        + " faster; means, percentile-bootstrap 95 % CI; faster only where the interval excludes 1");
    t.note("like for like: the projections' bytes per weight and the bytes a decode step reads (weights and KV"
        + " cache) agree within " + Math.round(LIKE_FOR_LIKE * 100) + " %");
    if (pairs.isEmpty()) {
      t.note("no engine comparison: no model measured on two engines with the same workload on one machine");
    }
    return t.build();
  }

  private static String workload(ConfigResult c) {
    return "b" + c.workload().batch() + " p" + c.workload().prompt() + " o" + c.workload().output();
  }

  private static String arm(ConfigResult c) {
    return c.workload().engine() + " (" + c.workload().dtype() + ")";
  }

  private static String faster(ConfigResult a, ConfigResult b, double[] ci) {
    if (!Double.isFinite(ci[0]) || !Double.isFinite(ci[1])) return "— (too few samples)";
    if (ci[0] > 1) return a.workload().engine();
    if (ci[1] < 1) return b.workload().engine();
    return "no significant difference";
  }
}
