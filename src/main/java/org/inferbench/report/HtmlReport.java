package org.inferbench.report;

import static org.inferbench.report.html.Html.escape;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.inferbench.report.plot.Plot;
import org.inferbench.results.EnvironmentRecord;

/**
 * report.html: one self-contained page (inline CSS, inline SVG charts, a small inline script that sorts tables),
 * readable from disk with no network. Every string from results is escaped.
 */
public final class HtmlReport {
  /** Where an SVG defines or refers to an id: every id in XChart's SVG is local to it. */
  private static final Pattern SVG_REF = Pattern.compile("(\\bid=\"|url\\(#|href=\"#)");

  private HtmlReport() {}

  /** The page; {@code svgs} maps plot id to its SVG text. */
  public static String render(ReportModel model, Map<String, String> svgs) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(escape(model.title())).append("</title><style>").append(CSS)
        .append("</style></head><body>\n");
    // the answer first: the question, the picture that answers it, the findings in words; then the evidence
    h.append("<h1 id=\"question\">").append(escape(model.title())).append("</h1>\n<p class=\"meta\">")
        .append(model.recordCount()).append(" records, ")
        .append(model.set().current().size()).append(" configurations, ").append(model.set().machines().size())
        .append(" machine(s); generated ").append(escape(Instant.now().toString())).append("</p>\n");
    Plot main = model.mainPlot();
    lead(h, model, main, svgs);
    if (model.set().machines().size() > 1) {
      h.append("<p class=\"warn\" id=\"machines-warning\">These results come from ")
          .append(model.set().machines().size()).append(" different machines. Figures from different machines are "
              + "not comparable; every comparison below is made within one machine.</p>\n");
    }
    if (!model.warnings().isEmpty()) {
      h.append("<div class=\"warn\" id=\"warnings\"><strong>Warnings</strong><ul>");
      for (String w : model.warnings()) h.append("<li>").append(escape(w)).append("</li>");
      h.append("</ul></div>\n");
    }
    h.append("<nav><a href=\"#tables\">Tables</a> · <a href=\"#plots\">Plots</a> · ")
        .append("<a href=\"#environment\">Environment</a></nav>\n");
    h.append("<section id=\"tables\">\n");
    for (ReportTable t : model.tables()) table(h, t);
    h.append("</section>\n<section id=\"plots\"><h2>Plots</h2>\n");
    for (Plot p : model.plots()) {
      if (p != main) figure(h, p, svgs);
    }
    h.append("</section>\n");
    environment(h, model);
    h.append("<script>").append(JS).append("</script>\n</body></html>\n");
    return h.toString();
  }

  /** The main plot and the findings: the answer, before the evidence. */
  private static void lead(StringBuilder h, ReportModel model, Plot main, Map<String, String> svgs) {
    h.append("<section id=\"main-plot\">\n");
    if (main == null || !svgs.containsKey(main.id())) {
      h.append("<p class=\"note\">No plot: no measured configuration to draw.</p>\n");
    } else {
      figure(h, main, svgs);
    }
    h.append("</section>\n<section id=\"findings\"><h2>Findings</h2>\n");
    if (model.findings().all().isEmpty()) {
      h.append("<p class=\"note\">No finding: no scaling series and no pair of configurations that differ in one "
          + "parameter.</p>\n");
    } else {
      h.append("<ul>");
      for (String f : model.findings().all()) h.append("<li>").append(escape(f)).append("</li>");
      h.append("</ul>\n");
    }
    h.append("</section>\n");
  }

  private static void figure(StringBuilder h, Plot p, Map<String, String> svgs) {
    String svg = svgs.get(p.id());
    if (svg == null) return;
    h.append("<figure class=\"chart\" id=\"plot-").append(escape(p.id())).append("\">")
        .append(prefixIds(svg, p.id())).append("<figcaption>").append(escape(p.title()))
        .append("</figcaption></figure>\n");
  }

  private static void table(StringBuilder h, ReportTable t) {
    h.append("<h2 id=\"h-").append(escape(t.id())).append("\">").append(escape(t.title())).append("</h2>\n");
    if (!t.rows().isEmpty()) {
      h.append("<div class=\"scroll\"><table class=\"sortable\" id=\"table-").append(escape(t.id()))
          .append("\"><thead><tr>");
      for (String c : t.headers()) {
        h.append("<th title=\"click to sort\">").append(escape(c)).append("</th>");
      }
      h.append("</tr></thead><tbody>\n");
      for (List<Cell> r : t.rows()) {
        h.append("<tr>");
        for (Cell c : r) {
          if (c.value() != null) {
            h.append("<td class=\"num\" data-value=\"").append(c.value()).append("\">");
          } else {
            h.append("<td>");
          }
          h.append(escape(c.text())).append("</td>");
        }
        h.append("</tr>\n");
      }
      h.append("</tbody></table></div>\n");
    }
    for (String n : t.notes()) h.append("<p class=\"note\">").append(escape(n)).append("</p>\n");
  }

  /** Each run (run_id) with the environment it was measured in. */
  private static void environment(StringBuilder h, ReportModel model) {
    h.append("<section id=\"environment\"><h2>Runs and environments</h2>\n");
    Map<String, List<ConfigResult>> runs = new LinkedHashMap<>();
    for (List<ConfigResult> hist : model.set().histories().values()) {
      for (ConfigResult c : hist) {
        runs.computeIfAbsent(String.valueOf(c.record().runId()), k -> new ArrayList<>()).add(c);
      }
    }
    for (var e : runs.entrySet()) {
      ConfigResult first = e.getValue().get(0);
      EnvironmentRecord env = first.record().environment();
      // a few runs are shown open; many stay folded so the page stays short
      h.append(runs.size() <= 3 ? "<details class=\"run\" open>" : "<details class=\"run\">")
          .append("<summary>run ").append(escape(e.getKey())).append(" — ")
          .append(e.getValue().size()).append(" record(s) on machine ").append(escape(first.machine()))
          .append("</summary><dl>");
      if (env == null) {
        h.append("<dt>environment</dt><dd>not recorded</dd>");
      } else {
        dl(h, "CPU", env.cpuModel() + " (" + env.cores() + " cores)");
        dl(h, "memory", env.memoryMb() + " MB");
        dl(h, "OS / kernel", env.os() + " / " + env.kernel());
        dl(h, "JVM", env.jvm());
        dl(h, "tool", env.toolVersion() + (env.gitCommit() == null ? "" : " " + env.gitCommit()));
        dl(h, "engine", env.engine() + " " + env.engineVersion());
        if (env.engineSettings() != null) dl(h, "engine settings", env.engineSettings().toString());
        dl(h, "CPU governor", env.cpuGovernor());
        if (env.cpuFlags() != null) dl(h, "CPU flags", String.join(" ", env.cpuFlags()));
        if (env.extra() != null) env.extra().forEach((k, v) -> dl(h, k, v));
      }
      h.append("</dl></details>\n");
    }
    h.append("</section>\n");
  }

  private static void dl(StringBuilder h, String k, String v) {
    h.append("<dt>").append(escape(k)).append("</dt><dd>").append(escape(v)).append("</dd>");
  }

  /** Several inline SVGs share one id space: clip paths and gradients get the plot's id as prefix. */
  static String prefixIds(String svg, String plotId) {
    String p = plotId.replaceAll("[^A-Za-z0-9_-]", "_") + "-";
    return SVG_REF.matcher(svg).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + p));
  }

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1400px;\
      padding:0 16px;color:#222}
      h1{margin-bottom:4px}h2{margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px;font-size:1.2em}
      .meta{color:#666;margin-top:0}.note{color:#555;font-size:.9em;margin:4px 0}
      .warn{background:#fff4e0;border:1px solid #f0c070;padding:8px 12px;border-radius:4px}
      .scroll{overflow-x:auto}
      table{border-collapse:collapse;font-size:.88em;margin:8px 0}
      th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;white-space:nowrap}
      th{background:#f2f4f7;cursor:pointer;user-select:none}th:hover{background:#e4e8ee}
      th.asc::after{content:" \\25B2"}th.desc::after{content:" \\25BC"}
      td.num{text-align:right;font-variant-numeric:tabular-nums}
      tbody tr:nth-child(even){background:#fafbfc}
      figure.chart{margin:16px 0;display:block}figure.chart svg{max-width:100%;height:auto;display:block}
      figcaption{color:#555;font-size:.9em}
      details.run{margin:6px 0}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px;font-size:.9em}
      dt{font-weight:600}dd{margin:0;word-break:break-word}
      """;

  /** Click a header to sort by it; numbers by their value, text alphabetically; a second click reverses. */
  private static final String JS = """
      (function(){
        function key(td){var v=td.getAttribute('data-value');return v===null?null:parseFloat(v);}
        document.querySelectorAll('table.sortable').forEach(function(table){
          var ths=table.querySelectorAll('thead th');
          ths.forEach(function(th,col){
            th.addEventListener('click',function(){
              var asc=!th.classList.contains('asc');
              ths.forEach(function(o){o.classList.remove('asc','desc');});
              th.classList.add(asc?'asc':'desc');
              var body=table.tBodies[0];
              var rows=Array.prototype.slice.call(body.rows);
              rows.sort(function(a,b){
                var x=a.cells[col],y=b.cells[col],kx=key(x),ky=key(y),r;
                if(kx!==null&&ky!==null){r=kx-ky;}
                else if(kx!==null){r=-1;}else if(ky!==null){r=1;}
                else{r=x.textContent.localeCompare(y.textContent);}
                return asc?r:-r;
              });
              rows.forEach(function(r){body.appendChild(r);});
            });
          });
        });
      })();
      """;
}
