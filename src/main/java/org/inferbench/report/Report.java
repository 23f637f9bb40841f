package org.inferbench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.report.plot.Plot;
import org.inferbench.report.table.BoxTable;
import org.inferbench.results.LineError;
import org.inferbench.results.LoadedResults;
import org.inferbench.results.ResultRecord;

/**
 * {@code inferbench report}: analyses result records and writes the terminal tables (results, rankings,
 * comparisons, efficiency, roofline, energy, scaling, trends, machines) and, given a directory, tables/*.csv,
 * summary.json, plots/*.png|svg and report.html.
 */
public final class Report {
  /** Trend figures are drawn for at most this many configurations (those with the most runs). */
  static final int MAX_TREND_PLOTS = 6;

  /** What was built and written. */
  public record Output(ReportModel model, List<Path> files) {
    public Path html() {
      return files.stream().filter(f -> f.getFileName().toString().equals("report.html")).findFirst().orElse(null);
    }
  }

  private Report() {}

  /**
   * Builds the report.
   *
   * @param loadWarnings problems met while reading the records (e.g. a corrupt line), shown at the top
   * @param outDir where to write the files; null for the terminal only
   * @param terminal where to print the tables; null for none
   * @throws IOException if a file cannot be written
   */
  public static Output build(List<ResultRecord> records, List<String> loadWarnings,
      Path outDir, PrintStream terminal) throws IOException {
    return build(records, loadWarnings, null, outDir, terminal);
  }

  /**
   * Builds the report that answers {@code question}: its heading, above the main plot and the findings.
   *
   * @param question what the report answers, e.g. "Which model scales worst with prompt length?"; null for none
   */
  public static Output build(List<ResultRecord> records, List<String> loadWarnings, String question,
      Path outDir, PrintStream terminal) throws IOException {
    System.setProperty("java.awt.headless", "true");
    ReportModel model = analyse(records, loadWarnings, question, outDir != null);
    if (terminal != null) printTerminal(model, terminal);
    List<Path> files = new ArrayList<>();
    if (outDir != null) {
      Files.createDirectories(outDir);
      files.addAll(TableFiles.writeCsv(outDir, model.tables()));
      Map<String, String> svgs = new LinkedHashMap<>();
      List<String> plotWarnings = new ArrayList<>();
      for (Plot p : model.plots()) {
        try {
          svgs.put(p.id(), p.write(outDir.resolve("plots")));
          files.add(outDir.resolve("plots").resolve(p.id() + ".png"));
          files.add(outDir.resolve("plots").resolve(p.id() + ".svg"));
        } catch (RuntimeException e) {
          plotWarnings.add("plot " + p.id() + " could not be drawn: " + e);
        }
      }
      if (!plotWarnings.isEmpty()) {
        List<String> all = new ArrayList<>(model.warnings());
        all.addAll(plotWarnings);
        model = model.withWarnings(all);
        if (terminal != null) plotWarnings.forEach(w -> terminal.println("warning: " + w));
      }
      files.add(TableFiles.writeJson(outDir, model));
      Path html = outDir.resolve("report.html");
      Files.writeString(html, HtmlReport.render(model, svgs));
      files.add(html);
      if (terminal != null) terminal.println("report written to " + html);
    }
    return new Output(model, files);
  }

  /** {@link #build(List, List, Path, PrintStream)} for records read by {@code ResultStore.read}. */
  public static Output build(LoadedResults loaded, Path outDir, PrintStream terminal) throws IOException {
    return build(loaded, null, outDir, terminal);
  }

  /** {@link #build(List, List, String, Path, PrintStream)} for records read by {@code ResultStore.read}. */
  public static Output build(LoadedResults loaded, String question, Path outDir, PrintStream terminal)
      throws IOException {
    return build(loaded.records(), loaded.errors().stream().map(LineError::toString).toList(), question, outDir,
        terminal);
  }

  /** The analysis alone, without writing anything; {@code withPlots} also builds the figures. */
  public static ReportModel analyse(List<ResultRecord> records, List<String> loadWarnings,
      boolean withPlots) {
    return analyse(records, loadWarnings, null, withPlots);
  }

  /** {@link #analyse(List, List, boolean)} for a report that answers {@code question} (null for none). */
  public static ReportModel analyse(List<ResultRecord> records, List<String> loadWarnings, String question,
      boolean withPlots) {
    ResultSet set = new ResultSet(records);
    List<String> warnings = new ArrayList<>(loadWarnings == null ? List.of() : loadWarnings);
    warnings.addAll(set.problems());
    if (set.current().isEmpty()) warnings.add("no result records: nothing to report");
    else if (set.currentOk().isEmpty()) warnings.add("no configuration was measured (all failed or n/a)");
    if (set.machines().size() > 1) {
      warnings.add("results from " + set.machines().size() + " machines: figures from different machines are not "
          + "comparable; comparisons are made within each machine");
    }
    List<Comparisons.KvPair> kv = Comparisons.kvPairs(set);
    List<QuantizationTable.Row> quantization = QuantizationTable.rows(set);
    List<ScalingAnalysis.Series> scaling = ScalingAnalysis.analyse(set);
    List<ReportTable> tables = List.of(Tables.configurations(set), Tables.rankings(set), Tables.architectures(set),
        Comparisons.modelTable(set), EngineComparison.table(EngineComparison.pairs(set)), Comparisons.kvTable(kv, set),
        QuantizationTable.of(quantization, set),
        Tables.efficiency(set),
        RooflineTable.of(set), EnergyTable.of(set), ScalingAnalysis.table(scaling, set), Tables.trends(set),
        Tables.machines(set));
    List<String> constant = set.constant();
    if (!constant.isEmpty()) {
      // a table shows what varies; what it holds constant is said below it, so none leaves out what was measured
      String note = "the same in every row: " + String.join(", ", constant);
      tables = tables.stream().map(t -> t.rows().isEmpty() ? t : new ReportTable(t.id(), t.title(), t.headers(),
          t.rows(), java.util.stream.Stream.concat(t.notes().stream(), java.util.stream.Stream.of(note)).toList()))
          .toList();
    }
    List<Plot> plots = withPlots ? plots(set, kv, quantization, scaling) : List.of();
    return new ReportModel(question, set, records.size(), Findings.of(set, scaling), tables, scaling, plots,
        warnings);
  }

  private static List<Plot> plots(ResultSet set, List<Comparisons.KvPair> kv, List<QuantizationTable.Row> quantization,
      List<ScalingAnalysis.Series> scaling) {
    List<Plot> plots = new ArrayList<>(Plots.latencyCurves(scaling));
    Plot kvPlot = Plots.kvCache(kv.stream().map(p -> new Plots.KvBars(p.label(), p.on(), p.off())).toList());
    if (kvPlot != null) plots.add(kvPlot);
    Plot quantPlot = Plots.quantization(quantization);
    if (quantPlot != null) plots.add(quantPlot);
    boolean manyMachines = set.machines().size() > 1;
    Map<String, List<ConfigResult>> byModel = new LinkedHashMap<>();
    for (ConfigResult c : set.currentOk()) {
      String name = manyMachines ? c.model() + " @" + c.shortMachine() : c.model();
      byModel.computeIfAbsent(name, k -> new ArrayList<>()).add(c);
    }
    Plot itl = Plots.itlCdf(byModel);
    if (itl != null) plots.add(itl);
    Plot tl = Plots.throughputVsLatency(byModel);
    if (tl != null) plots.add(tl);
    Map<String, List<ConfigResult>> byServer = new LinkedHashMap<>();
    for (ConfigResult c : set.currentOk()) {
      if (c.workload().load() != null) {
        byServer.computeIfAbsent(c.model() + " (" + c.workload().engine() + ")", k -> new ArrayList<>()).add(c);
      }
    }
    Plot knee = Plots.servingKnee(byServer);
    if (knee != null) plots.add(knee);
    int s = 0;
    for (var e : byServer.entrySet()) {
      Plot p = Plots.inFlight("in_flight_" + (++s), e.getKey(), e.getValue());
      if (p != null) plots.add(p);
      Plot t = requestTimeline("request_timeline_" + s, e.getKey(), e.getValue());
      if (t != null) plots.add(t);
    }
    List<String> varying = set.varying();
    int n = 0;
    List<List<ConfigResult>> histories = set.histories().values().stream()
        .filter(h -> h.stream().filter(c -> c.record().ok()).count() >= 2)
        .sorted((a, b) -> Integer.compare(b.size(), a.size())).toList();
    for (List<ConfigResult> h : histories) {
      if (n >= MAX_TREND_PLOTS) break;
      ConfigResult last = h.get(h.size() - 1);
      Plot p = Plots.trend("trend_" + (++n), last.label(varying), h);
      if (p != null) plots.add(p);
    }
    return plots;
  }

  /**
   * The per-request timeline of a server's heaviest load whose timeline file is still there (files move; a record
   * without its side file has no timeline, and the report says nothing of it).
   */
  private static Plot requestTimeline(String id, String server, List<ConfigResult> loads) {
    ConfigResult heaviest = null;
    java.nio.file.Path file = null;
    for (ConfigResult c : loads) {
      Object f = c.serving() == null ? null : c.serving().get("timeline_file");
      if (f == null || !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(f.toString()))) continue;
      if (heaviest == null || peak(c) > peak(heaviest)) {
        heaviest = c;
        file = java.nio.file.Path.of(f.toString());
      }
    }
    if (heaviest == null) return null;
    try {
      return Plots.requestTimeline(id, server, heaviest, org.inferbench.load.Timelines.read(file));
    } catch (java.io.IOException | RuntimeException e) {
      return null; // an unreadable side file costs the report this plot only
    }
  }

  private static double peak(ConfigResult c) {
    return c.serving().get("peak_in_flight") instanceof Number n ? n.doubleValue() : 0;
  }

  /** Prints the question, the warnings, the findings and every table with its notes. */
  public static void printTerminal(ReportModel model, PrintStream out) {
    if (model.question() != null && !model.question().isBlank()) out.println(model.title());
    out.println("InferBench report: " + model.recordCount() + " records, " + model.set().current().size()
        + " configurations, " + model.set().machines().size() + " machine(s)");
    for (String w : model.warnings()) out.println("warning: " + w);
    if (!model.findings().all().isEmpty()) {
      out.println();
      out.println("Findings");
      for (String f : model.findings().all()) out.println("  - " + f);
    }
    for (ReportTable t : model.tables()) {
      out.println();
      printTable(t, out);
    }
    out.flush();
  }

  /** One table as a box with its notes below. */
  public static void printTable(ReportTable t, PrintStream out) {
    if (t.rows().isEmpty()) {
      out.println(t.title());
    } else {
      // tail percentiles are the first to go where a table would not fit 120 columns (--wide shows them)
      BoxTable b = new BoxTable(t.headers()).title(t.title())
          .optional(t.headers().stream().filter(h -> h.matches(".* p9[059]( \\(ms\\))?")).toArray(String[]::new));
      for (List<Cell> r : t.rows()) b.row(r.stream().map(Cell::text).toArray());
      out.print(b.render());
    }
    for (String n : t.notes()) out.println("  note: " + n);
  }
}
