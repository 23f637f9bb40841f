package org.inferbench.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.inferbench.report.Report;
import org.inferbench.results.LoadedResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inferbench report}: tables, rankings, scaling fits, plots and a self-contained HTML page from results. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Analyse one or more results files: terminal tables; with --out also CSV/JSON tables, plots and report.html.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RESULTS", arity = "0..*", description = "Results files (default results/results.jsonl).")
  List<Path> files;

  @Option(names = "--out", paramLabel = "DIR", description = "Write tables/*.csv, summary.json, plots/ and report.html here.")
  Path out;

  @Option(names = "--question", paramLabel = "TEXT",
      description = "What the report answers: its heading, above the main plot and the findings.")
  String question;

  @picocli.CommandLine.Mixin
  TableOptions table;

  @Override
  public Integer call() throws Exception {
    table.apply();
    write(files, out, System.out, question);
    return ExitCodes.OK;
  }

  /** Reads the files (corrupt lines are reported, good lines still count) and builds the report. */
  static void write(List<Path> in, Path out, PrintStream terminal) throws Exception {
    write(in, out, terminal, null);
  }

  /** {@link #write(List, Path, PrintStream)} for a report that answers {@code question} (null for none). */
  static void write(List<Path> in, Path out, PrintStream terminal, String question) throws Exception {
    LoadedResults loaded = Inputs.readResults(in);
    Report.build(loaded, question, out, terminal);
  }
}
