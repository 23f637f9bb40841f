package org.inferbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.inferbench.results.Metric;
import org.inferbench.stats.Holm;
import org.inferbench.stats.MannWhitney;

/**
 * The A/B findings: every pair of configurations on one machine that differ in exactly one parameter (the engine,
 * an engine setting, the model, batch, …; prompt and output length are left to the scaling findings) is compared on
 * its headline metric's raw samples by a two-sided Mann-Whitney test, Holm-corrected over all the pairs, and the
 * few clearest results are said.
 */
final class AbFindings {
  static final double ALPHA = 0.05;
  /** More sentences than this bury the answer; the rest are counted. */
  static final int MAX_SENTENCES = 5;
  /** Lengths belong to the scaling findings, the machine to its own comparison, the load to the serving findings. */
  private static final Set<String> NOT_AN_ARM = Set.of("prompt", "output", "machine", "load");

  /** One compared pair; {@code fast} has the better mean headline (lower latency, higher throughput). */
  record Comparison(ConfigResult fast, ConfigResult slow, String parameter, Metric metric, double p) {}

  private AbFindings() {}

  static List<Comparison> comparisons(ResultSet set) {
    List<Comparison> out = new ArrayList<>();
    for (String machine : set.machines()) {
      List<ConfigResult> on = set.currentOkOn(machine);
      List<Map<String, String>> parameters = on.stream().map(ConfigResult::parameters).toList();
      for (int i = 0; i < on.size(); i++) {
        for (int j = i + 1; j < on.size(); j++) {
          String parameter = soleDifference(parameters.get(i), parameters.get(j));
          Comparison c = parameter == null ? null : compare(on.get(i), on.get(j), parameter);
          if (c != null) out.add(c);
        }
      }
    }
    return out;
  }

  static List<String> sentences(ResultSet set) {
    List<Comparison> all = comparisons(set);
    if (all.isEmpty()) return List.of();
    double[] adjusted = Holm.adjust(all.stream().mapToDouble(Comparison::p).toArray());
    Integer[] order = new Integer[all.size()];
    Arrays.setAll(order, i -> i);
    // the clearest first: significant differences by corrected p, then the rest
    Arrays.sort(order, Comparator.comparingDouble(i -> adjusted[i]));
    List<String> varying = set.varying();
    List<String> out = new ArrayList<>();
    long significant = Arrays.stream(adjusted).filter(p -> p < ALPHA).count();
    for (int k = 0; k < Math.min(MAX_SENTENCES, order.length); k++) {
      out.add(sentence(all.get(order[k]), adjusted[order[k]], varying));
    }
    if (all.size() > MAX_SENTENCES) {
      out.add((all.size() - MAX_SENTENCES) + " more A/B comparison(s) were made (" + significant + " of "
          + all.size() + " significant after Holm's correction).");
    }
    return out;
  }

  private static String sentence(Comparison c, double pHolm, List<String> varying) {
    String fast = c.fast().label(varying);
    String slow = c.slow().label(varying) + " (differing only in " + c.parameter() + ")";
    String p = "p_holm = " + formatP(pHolm);
    if (pHolm >= ALPHA) {
      return fast + " and " + slow + " are not significantly different on " + c.metric().key() + " (" + p
          + ").";
    }
    // "n× faster": the slow arm's time over the fast one's, or the fast arm's rate over the slow one's
    ConfigResult num = c.metric().lowerIsBetter() ? c.slow() : c.fast();
    ConfigResult den = c.metric().lowerIsBetter() ? c.fast() : c.slow();
    double ratio = num.mean(c.metric()) / den.mean(c.metric());
    double[] ci = RatioBootstrap.ratioOfMeans(num.record().samples(c.metric()), den.record().samples(c.metric()));
    return fast + " is faster than " + slow + " on " + c.metric().key() + ": " + Fmt.num(ratio) + "×"
        + (Double.isFinite(ci[0]) ? " [95 % CI " + Fmt.num(ci[0]) + "–" + Fmt.num(ci[1]) + "]" : "")
        + " (ratio of means, " + p + ").";
  }

  private static String formatP(double p) {
    return p < 0.001 ? String.format(java.util.Locale.ROOT, "%.1e", p) : String.format(java.util.Locale.ROOT,
        "%.3f", p);
  }

  /** The comparison of a pair that differs in {@code parameter}, or null when they lack comparable samples. */
  private static Comparison compare(ConfigResult a, ConfigResult b, String parameter) {
    Metric m = a.headline();
    if (m != b.headline()) return null;
    double[] sa = a.record().samples(m);
    double[] sb = b.record().samples(m);
    if (sa == null || sb == null || sa.length < 2 || sb.length < 2) return null;
    double p = MannWhitney.twoSidedP(sa, sb);
    // a throughput headline is faster when higher
    boolean aFaster = m.lowerIsBetter() ? a.mean(m) <= b.mean(m) : a.mean(m) >= b.mean(m);
    return aFaster ? new Comparison(a, b, parameter, m, p) : new Comparison(b, a, parameter, m, p);
  }

  /** The one parameter two configurations differ in (a model's options count as the model), else null. */
  static String soleDifference(Map<String, String> a, Map<String, String> b) {
    Set<String> keys = new LinkedHashSet<>(a.keySet());
    keys.addAll(b.keySet());
    Set<String> differ = new LinkedHashSet<>();
    for (String k : keys) {
      if (!Objects.equals(a.get(k), b.get(k))) differ.add(k.startsWith("model.") ? "model" : k);
    }
    if (differ.size() != 1) return null;
    String only = differ.iterator().next();
    return NOT_AN_ARM.contains(only) ? null : only;
  }
}
