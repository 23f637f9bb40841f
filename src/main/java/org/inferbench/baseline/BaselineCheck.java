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
 * The regression gate: compares the latest record of each config_key on both sides by the headline metric's raw
 * samples. A configuration regressed only when the one-sided Mann-Whitney test says the current samples are worse
 * (p < {@link #ALPHA}) AND the ratio of medians is worse than the threshold: significance alone flags harmless
 * 0.5 % shifts on long runs, size alone flags noise on short ones. Improved is the mirror image.
 */
public final class BaselineCheck {
  /** Significance level of the one-sided test. */
  public static final double ALPHA = 0.01;

  private BaselineCheck() {}

  /**
   * Compares {@code current} against {@code baseline}.
   *
   * @param thresholdPct smallest change of the median that counts, in percent (e.g. 5)
   * @param allowEnvMismatch compare records whose env_fingerprints differ instead of refusing
   * @throws EnvMismatchException when a compared pair was measured on different machines and not allowed
   */
  public static BaselineComparison check(List<ResultRecord> baseline, List<ResultRecord> current, double thresholdPct,
      boolean allowEnvMismatch) {
    if (!(thresholdPct >= 0) || Double.isInfinite(thresholdPct)) {
      throw new IllegalArgumentException("threshold: expected a percentage >= 0, got " + thresholdPct);
    }
    Map<String, ResultRecord> before = LatestRecords.byConfigKey(baseline).latest();
    Map<String, ResultRecord> now = LatestRecords.byConfigKey(current).latest();
    if (!allowEnvMismatch) checkEnvironments(before, now);
    List<BaselineRow> rows = new ArrayList<>();
    for (String key : union(before, now)) rows.add(row(key, before.get(key), now.get(key), thresholdPct));
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

  private static BaselineRow row(String key, ResultRecord before, ResultRecord now, double thresholdPct) {
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
    double pWorse = MannWhitney.oneSidedP(cur, base, lowerIsBetter);
    double pBetter = MannWhitney.oneSidedP(cur, base, !lowerIsBetter);
    boolean worseBeyond = lowerIsBetter ? ratio > 1 + threshold : ratio < 1 - threshold;
    boolean betterBeyond = lowerIsBetter ? ratio < 1 - threshold : ratio > 1 + threshold;
    BaselineRow.Verdict verdict;
    if (worseBeyond && pWorse < ALPHA) verdict = BaselineRow.Verdict.REGRESSED;
    else if (betterBeyond && pBetter < ALPHA) verdict = BaselineRow.Verdict.IMPROVED;
    else verdict = BaselineRow.Verdict.UNCHANGED;
    boolean observedWorse = lowerIsBetter ? ratio > 1 : ratio < 1;
    double p = observedWorse ? pWorse : pBetter;
    return new BaselineRow(key, label, metric.key(), metric.unit(), baseMedian, curMedian, ratio, ci.low(), ci.high(), p,
        verdict, base.length, cur.length, null);
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

  /** e.g. "gpt2 onnx b1 p128 o32 threads=2", by {@link ConfigLabel}. */
  static String label(ResultRecord r) {
    WorkloadRecord w = r.workload();
    if (w == null) return r.configKey();
    return ConfigLabel.of(ConfigLabel.parameters(w.model(), w.engine(), w.batch(), w.prompt(), w.output(),
        w.engineSettings()));
  }
}
