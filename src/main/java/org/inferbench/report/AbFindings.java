package org.inferbench.report;

import java.util.ArrayList;
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

  /** A significant difference smaller than this ratio is said in the closing line, not on its own. */
  static final double LARGE = 1.05;

  /**
   * The significant and large differences first, largest first ("gpt2 onnx: Q4_0 decodes 1.6× faster than Q8_0
   * [1.5, 1.7]"), each naming only what tells its configurations apart; then one line for every other comparison.
   */
  static List<String> sentences(ResultSet set) {
    List<Comparison> all = comparisons(set);
    if (all.isEmpty()) return List.of();
    double[] adjusted = Holm.adjust(all.stream().mapToDouble(Comparison::p).toArray());
    List<String> varying = set.varying();
    List<Integer> leading = new ArrayList<>();
    Map<String, int[]> rest = new java.util.LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      boolean significant = adjusted[i] < ALPHA;
      if (significant && ratio(all.get(i)) >= LARGE) {
        leading.add(i);
      } else {
        // per parameter: pairs compared, of which significant (but small)
        int[] n = rest.computeIfAbsent(all.get(i).parameter(), k -> new int[2]);
        n[0]++;
        if (significant) n[1]++;
      }
    }
    leading.sort(Comparator.comparingDouble((Integer i) -> -ratio(all.get(i))));
    List<String> out = new ArrayList<>();
    for (int k = 0; k < leading.size(); k++) {
      if (k < MAX_SENTENCES) {
        out.add(sentence(all.get(leading.get(k)), adjusted[leading.get(k)], varying));
      } else {
        rest.computeIfAbsent(all.get(leading.get(k)).parameter(), x -> new int[2])[0]++;
        rest.get(all.get(leading.get(k)).parameter())[1]++;
      }
    }
    if (!rest.isEmpty()) {
      List<String> parts = new ArrayList<>();
      rest.forEach((parameter, n) -> parts.add(n[0] + (n[0] == 1 ? " pair" : " pairs") + " differing in " + parameter
          + (n[1] == 0 ? ", none significantly different" : ", " + n[1] + " significant")));
      out.add((leading.isEmpty() ? "A/B comparisons on " : "Other A/B comparisons on ") + all.get(0).metric().key()
          + " (Holm-corrected, α " + ALPHA + "; differences under " + Math.round((LARGE - 1) * 100)
          + " % are not led with): " + String.join("; ", parts) + ".");
    }
    return out;
  }

  /** "× faster": the slow arm's time over the fast one's, or the fast arm's rate over the slow one's. */
  private static double ratio(Comparison c) {
    ConfigResult num = c.metric().lowerIsBetter() ? c.slow() : c.fast();
    ConfigResult den = c.metric().lowerIsBetter() ? c.fast() : c.slow();
    return num.mean(c.metric()) / den.mean(c.metric());
  }

  private static String sentence(Comparison c, double pHolm, List<String> varying) {
    List<String> context = new ArrayList<>(varying);
    context.remove(c.parameter());
    String where = c.fast().label(context);
    if (c.parameter().equals("model")) {
      // the arms are the models: the context is what else they share
      where = where.substring(c.fast().label(List.of()).length()).strip();
    }
    ConfigResult num = c.metric().lowerIsBetter() ? c.slow() : c.fast();
    ConfigResult den = c.metric().lowerIsBetter() ? c.fast() : c.slow();
    double[] ci = RatioBootstrap.ratioOfMeans(num.record().samples(c.metric()), den.record().samples(c.metric()));
    return (where.isEmpty() ? "" : where + ": ") + arm(c.fast(), c.parameter()) + " " + verb(c.metric()) + " "
        + ratioText(ratio(c)) + "× faster than " + arm(c.slow(), c.parameter())
        + (Double.isFinite(ci[0]) ? " [" + ratioText(ci[0]) + ", " + ratioText(ci[1]) + "]" : "")
        + " (" + c.metric().key() + " means, 95 % CI; p_holm = " + formatP(pHolm) + ").";
  }

  /** An arm by the one parameter it differs in: its value, or key=value for a setting. */
  private static String arm(ConfigResult c, String parameter) {
    String value = c.parameters().get(parameter);
    if (value == null || value.equals("null")) return parameter + " not recorded";
    return switch (parameter) {
      case "model" -> c.model();
      case "engine", "dtype", "lengths" -> value;
      case "batch" -> "batch " + value;
      default -> parameter + "=" + value;
    };
  }

  private static String verb(Metric m) {
    return switch (m) {
      case TTFT -> "reaches its first token";
      case TPOT, ITL, DECODE_THROUGHPUT -> "decodes";
      case PREFILL_THROUGHPUT -> "prefills";
      case E2E, OVERALL_THROUGHPUT -> "answers";
      default -> "encodes";
    };
  }

  /** Two significant figures: 1.6, 21, 0.96. */
  private static String ratioText(double r) {
    return r >= 10 ? String.format(java.util.Locale.ROOT, "%.0f", r) : String.format(java.util.Locale.ROOT, "%.2g", r);
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
