package org.inferbench.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.inferbench.results.Json;

/** The renderings of a baseline check: an aligned terminal table, GitHub markdown, and JSON. */
public enum BaselineFormat {
  TABLE(BaselineFormat::table),
  MARKDOWN(BaselineFormat::markdown),
  JSON(BaselineFormat::json);

  private static final List<String> HEADER =
      List.of("config", "metric", "baseline", "now", "change [95% CI]", "p (one-sided)", "verdict");

  private final Function<BaselineComparison, String> renderer;

  BaselineFormat(Function<BaselineComparison, String> renderer) {
    this.renderer = renderer;
  }

  public String render(BaselineComparison comparison) {
    return renderer.apply(comparison);
  }

  public static BaselineFormat byName(String name) {
    for (BaselineFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) return f;
    }
    throw new IllegalArgumentException("format: expected table, markdown or json, got '" + name + "'");
  }

  private static List<List<String>> cells(BaselineComparison c) {
    List<List<String>> rows = new ArrayList<>();
    for (BaselineRow r : c.rows()) {
      rows.add(List.of(r.config(), r.metric() + " (" + r.unit() + ")", number(r.baselineMedian()),
          number(r.currentMedian()), change(r), r.pValue() == null ? "-" : pValue(r.pValue()),
          r.verdict().label() + (r.note() == null ? "" : " (" + r.note() + ")")));
    }
    return rows;
  }

  private static String footer(BaselineComparison c) {
    return String.format(Locale.ROOT,
        "%d regressed, %d improved, %d unchanged, %d missing (threshold %s %%, p < %s: Welch t across forks where"
            + " both runs have them, else Mann-Whitney)",
        c.count(BaselineRow.Verdict.REGRESSED), c.count(BaselineRow.Verdict.IMPROVED),
        c.count(BaselineRow.Verdict.UNCHANGED), c.count(BaselineRow.Verdict.MISSING),
        trim(c.thresholdPct()), trim(c.alpha()));
  }

  private static String table(BaselineComparison c) {
    List<List<String>> rows = cells(c);
    int[] width = new int[HEADER.size()];
    for (int i = 0; i < width.length; i++) width[i] = HEADER.get(i).length();
    for (List<String> row : rows) {
      for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], row.get(i).length());
    }
    StringBuilder out = new StringBuilder();
    appendAligned(out, HEADER, width);
    for (List<String> row : rows) appendAligned(out, row, width);
    return out.append(footer(c)).append('\n').toString();
  }

  private static void appendAligned(StringBuilder out, List<String> row, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < row.size(); i++) {
      String cell = row.get(i);
      // text columns to the left, numbers to the right
      boolean left = i == 0 || i == 1 || i == row.size() - 1;
      String pad = " ".repeat(width[i] - cell.length());
      line.append(left ? cell + pad : pad + cell);
      if (i < row.size() - 1) line.append("  ");
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  private static String markdown(BaselineComparison c) {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
    out.append("|---|---|---:|---:|---:|---:|---|\n");
    for (List<String> row : cells(c)) {
      List<String> escaped = row.stream().map(s -> s.replace("|", "\\|")).toList();
      out.append("| ").append(String.join(" | ", escaped)).append(" |\n");
    }
    return out.append('\n').append(footer(c)).append('\n').toString();
  }

  private static String json(BaselineComparison c) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("threshold_pct", c.thresholdPct());
    doc.put("alpha", c.alpha());
    doc.put("regressed", c.anyRegressed());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (BaselineRow r : c.rows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("config_key", r.configKey());
      m.put("config", r.config());
      m.put("metric", r.metric());
      m.put("unit", r.unit());
      m.put("baseline_median", r.baselineMedian());
      m.put("current_median", r.currentMedian());
      m.put("ratio", r.ratio());
      m.put("ratio_ci_low", r.ratioCiLow());
      m.put("ratio_ci_high", r.ratioCiHigh());
      m.put("change_pct", r.changePct());
      m.put("p_value", r.pValue());
      m.put("verdict", r.verdict().label());
      m.put("baseline_count", r.baselineCount());
      m.put("current_count", r.currentCount());
      m.put("note", r.note());
      rows.add(m);
    }
    doc.put("rows", rows);
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("baseline check: could not render JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String number(Double v) {
    if (v == null) return "-";
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
  }

  private static String change(BaselineRow r) {
    if (r.ratio() == null) return "-";
    return String.format(Locale.ROOT, "%+.1f%% [%+.1f%%, %+.1f%%]", r.changePct(), (r.ratioCiLow() - 1) * 100,
        (r.ratioCiHigh() - 1) * 100);
  }

  private static String pValue(double p) {
    return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
