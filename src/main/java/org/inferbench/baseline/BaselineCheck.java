package org.inferbench.baseline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.inferbench.label.ConfigLabel;
import org.inferbench.results.LatestRecords;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.WorkloadRecord;
import org.inferbench.stats.Bootstrap;
import org.inferbench.stats.Interval;
import org.inferbench.stats.MannWhitney;
import org.inferbench.stats.Percentiles;

/**
 * The regression gate: compares the latest record of each config_key on both sides by the headline metric. A
 * configuration regressed only when a one-sided test says the current run is worse (p < {@link #ALPHA}) AND the
 * ratio of medians is worse than the threshold: significance alone flags harmless 0.5 % shifts on long runs, size
 * alone flags noise on short ones. Improved is the mirror image. The test is judged against the variability between
 * runs where the records measured it ({@link BetweenRuns}: Welch's t over both sides' fork means, with the spread of
 * the earlier runs a baseline keeps as a floor); records of one fork fall back to the one-sided Mann-Whitney test
 * of the raw samples, which knows only the spread within one process and so alarms on a machine that drifts.
 *
 * <p>Like with like: pairs measured on different machines (env_fingerprint) are refused unless allowed. For a served
 * configuration (a remote engine: its record's engine settings carry {@code server.endpoint}) the env_fingerprint is
 * the client's machine, and what sets the numbers is the server: pairs whose server endpoint or version differ are
 * refused too, by the same flag.
 */
public final class BaselineCheck {
  /** Significance level of the one-sided test. */
  public static final double ALPHA = 0.01;

  private BaselineCheck() {}

  /**
   * Compares {@code current} against {@code baseline}.
   *
   * @param thresholdPct smallest change of the median that counts, in percent (e.g. 5)
   * @param allowEnvMismatch compare records whose env_fingerprints (or, served, whose servers) differ instead of
   *     refusing
   * @throws EnvMismatchException when a compared pair was measured on different machines and not allowed; a
   *     {@link ServerMismatchException} when against different servers
   */
  public static BaselineComparison check(List<ResultRecord> baseline, List<ResultRecord> current, double thresholdPct,
      boolean allowEnvMismatch) {
    if (!(thresholdPct >= 0) || Double.isInfinite(thresholdPct)) {
      throw new IllegalArgumentException("threshold: expected a percentage >= 0, got " + thresholdPct);
    }
    Map<String, ResultRecord> before = LatestRecords.byConfigKey(baseline).latest();
    Map<String, ResultRecord> now = LatestRecords.byConfigKey(current).latest();
    if (!allowEnvMismatch) {
      checkEnvironments(before, now);
      checkServers(before, now);
    }
    Map<String, List<ResultRecord>> history = new java.util.HashMap<>();
    for (ResultRecord r : baseline) history.computeIfAbsent(r.configKey(), k -> new ArrayList<>()).add(r);
    List<BaselineRow> rows = new ArrayList<>();
    for (String key : union(before, now)) {
      rows.add(row(key, before.get(key), now.get(key), history.getOrDefault(key, List.of()), thresholdPct));
    }
    rows.sort(Comparator.comparing(BaselineRow::config).thenComparing(BaselineRow::configKey));
    return new BaselineComparison(rows, thresholdPct, ALPHA);
  }

  /** Whether any row regressed (exit code 1). */
  public static boolean anyRegressed(List<BaselineRow> rows) {
    return rows.stream().anyMatch(r -> r.verdict() == BaselineRow.Verdict.REGRESSED);
  }

  private static TreeSet<String> union(Map<String, ResultRecord> a, Map<String, ResultRecord> b) {
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }

  /** Pairs sharing a config_key must share the env_fingerprint; with no shared key, every fingerprint must match. */
  private static void checkEnvironments(Map<String, ResultRecord> before, Map<String, ResultRecord> now) {
    boolean anyShared = false;
    for (Map.Entry<String, ResultRecord> e : now.entrySet()) {
      ResultRecord b = before.get(e.getKey());
      if (b == null) continue;
      anyShared = true;
      if (!Objects.equals(b.envFingerprint(), e.getValue().envFingerprint())) {
        throw new EnvMismatchException(e.getKey(), b.envFingerprint(), e.getValue().envFingerprint());
      }
    }
    if (anyShared) return;
    for (ResultRecord b : before.values()) {
      for (ResultRecord c : now.values()) {
        if (!Objects.equals(b.envFingerprint(), c.envFingerprint())) {
          throw new EnvMismatchException(c.configKey(), b.envFingerprint(), c.envFingerprint());
        }
      }
    }
  }

  /** What a served record's numbers depend on beyond the client, as the remote engine records it. */
  static final List<String> SERVER_FIELDS = List.of("server.endpoint", "server.version");

  /**
   * Served pairs sharing a config_key must share their server. The endpoint is an engine setting and so in the
   * config_key: a server moved to another address shares no key with its baseline, and every row would pass as
   * missing. So where no served key is shared, every served record of this run must have a server the baseline had.
   */
  private static void checkServers(Map<String, ResultRecord> before, Map<String, ResultRecord> now) {
    boolean anyShared = false;
    for (Map.Entry<String, ResultRecord> e : now.entrySet()) {
      ResultRecord b = before.get(e.getKey());
      if (b == null || server(b) == null || server(e.getValue()) == null) continue;
      anyShared = true;
      compareServers(b, e.getValue());
    }
    if (anyShared) return;
    List<ResultRecord> served = before.values().stream().filter(r -> server(r) != null).toList();
    if (served.isEmpty()) return;
    for (ResultRecord c : now.values()) {
      if (server(c) == null || served.stream().anyMatch(b -> server(b).equals(server(c)))) continue;
      compareServers(served.get(0), c);
    }
  }

  private static void compareServers(ResultRecord b, ResultRecord c) {
    List<String> sb = server(b);
    List<String> sc = server(c);
    for (int i = 0; i < SERVER_FIELDS.size(); i++) {
      if (!sb.get(i).equals(sc.get(i))) {
        throw new ServerMismatchException(SERVER_FIELDS.get(i), label(c), b, c, sb.get(i), sc.get(i));
      }
    }
  }

  /** The server's endpoint and version, or null for a record measured in process. */
  private static List<String> server(ResultRecord r) {
    Map<String, String> s = r.environment() == null ? null : r.environment().engineSettings();
    if (s == null || !s.containsKey(SERVER_FIELDS.get(0))) return null;
    return SERVER_FIELDS.stream().map(f -> s.getOrDefault(f, "unknown")).toList();
  }

  private static BaselineRow row(String key, ResultRecord before, ResultRecord now, List<ResultRecord> history,
      double thresholdPct) {
    ResultRecord any = before != null ? before : now;
    Metric metric = headline(before, now);
    String label = label(any);
    double[] base = usableSamples(before, metric);
    double[] cur = usableSamples(now, metric);
    if (base == null || cur == null) {
      String note = before == null ? "not in the baseline"
          : now == null ? "not in this run"
          : base == null ? "baseline has no " + metric.key() + " samples" + status(before)
          : "this run has no " + metric.key() + " samples" + status(now);
      return new BaselineRow(key, label, metric.key(), metric.unit(), base == null ? null : Percentiles.median(base),
          cur == null ? null : Percentiles.median(cur), null, null, null, null, BaselineRow.Verdict.MISSING,
          base == null ? 0 : base.length, cur == null ? 0 : cur.length, note);
    }
    double baseMedian = Percentiles.median(base);
    double curMedian = Percentiles.median(cur);
    double ratio = curMedian / baseMedian;
    Interval ci = Bootstrap.ratioOfMediansCi(cur, base);
    double threshold = thresholdPct / 100;
    // "worse" means larger for a latency, smaller for a throughput
    boolean lowerIsBetter = metric.lowerIsBetter();
    // across forks where both sides have them (and earlier runs where the baseline keeps them); else the samples
    BetweenRuns.Judgement j = BetweenRuns.judge(before, now, history, metric);
    double pWorse = j != null ? j.pWorse() : MannWhitney.oneSidedP(cur, base, lowerIsBetter);
    double pBetter = j != null ? j.pBetter() : MannWhitney.oneSidedP(cur, base, !lowerIsBetter);
    boolean worseBeyond = lowerIsBetter ? ratio > 1 + threshold : ratio < 1 - threshold;
    boolean betterBeyond = lowerIsBetter ? ratio < 1 - threshold : ratio > 1 + threshold;
    BaselineRow.Verdict verdict;
    if (worseBeyond && pWorse < ALPHA) verdict = BaselineRow.Verdict.REGRESSED;
    else if (betterBeyond && pBetter < ALPHA) verdict = BaselineRow.Verdict.IMPROVED;
    else verdict = BaselineRow.Verdict.UNCHANGED;
    boolean observedWorse = lowerIsBetter ? ratio > 1 : ratio < 1;
    double p = observedWorse ? pWorse : pBetter;
    return new BaselineRow(key, label, metric.key(), metric.unit(), baseMedian, curMedian, ratio, ci.low(), ci.high(), p,
        verdict, base.length, cur.length, j == null ? null : "judged across runs: " + j.basis());
  }

  private static Metric headline(ResultRecord before, ResultRecord now) {
    for (ResultRecord r : new ResultRecord[] {before, now}) {
      if (r != null && r.workload() != null && r.workload().headline() != null) return r.headline();
    }
    return Metric.E2E;
  }

  private static double[] usableSamples(ResultRecord r, Metric metric) {
    if (r == null || !r.ok()) return null;
    double[] s = r.samples(metric);
    return s == null || s.length == 0 ? null : s;
  }

  private static String status(ResultRecord r) {
    if (r.ok()) return "";
    return " (" + r.status().label() + (r.reason() == null ? "" : ": " + r.reason()) + ")";
  }

  /** e.g. "gpt2 onnx b1 p128 o32 threads=2", by {@link ConfigLabel}; a served one with its load ("c4"). */
  static String label(ResultRecord r) {
    WorkloadRecord w = r.workload();
    if (w == null) return r.configKey();
    var p = ConfigLabel.parameters(w.model(), w.engine(), w.batch(), w.prompt(), w.output(), w.engineSettings());
    if (w.load() != null) p.put("load", w.load());
    return ConfigLabel.of(p);
  }
}
