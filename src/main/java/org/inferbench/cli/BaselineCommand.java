package org.inferbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.inferbench.baseline.BaselineCheck;
import org.inferbench.baseline.BaselineComparison;
import org.inferbench.baseline.BaselineFormat;
import org.inferbench.baseline.BaselineStore;
import org.inferbench.baseline.EnvMismatchException;
import org.inferbench.core.BadInputException;
import org.inferbench.results.LineError;
import org.inferbench.results.LoadedResults;
import org.inferbench.results.ResultRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inferbench baseline save|check}: named baselines and the regression gate for CI. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
    description = "Save results as a named baseline, or check results against one (exit 1 on a regression).",
    subcommands = {BaselineCommand.Save.class, BaselineCommand.Check.class})
final class BaselineCommand {
  static List<ResultRecord> load(Path file) throws Exception {
    LoadedResults loaded = Inputs.readResults(file == null ? List.of() : List.of(file));
    for (LineError e : loaded.errors()) System.err.println("inferbench: " + e);
    return loaded.records();
  }

  @Command(name = "save", mixinStandardHelpOptions = true,
      description = "Store the latest ok record of each configuration as baseline NAME (in a directory a project can commit);"
          + " with --history N, up to N earlier runs of each too, whose spread the check takes as the between-run"
          + " variability.")
  static final class Save implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", arity = "0..1", paramLabel = "RESULTS") Path results;
    @Option(names = "--dir", paramLabel = "DIR", description = "Baselines directory (default baselines).") Path dir = Path.of("baselines");
    @Option(names = "--history", paramLabel = "N", description = "Keep up to N earlier runs of each configuration"
        + " (default 0); 3 or more make the check judge against their spread.") int history;

    @Override
    public Integer call() throws Exception {
      if (history < 0) throw new BadInputException("--history: expected 0 or more, got " + history);
      List<ResultRecord> records = load(results);
      Path saved = new BaselineStore(dir).save(name, records, history);
      System.err.println("baseline '" + name + "' saved to " + saved);
      return ExitCodes.OK;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Compare the headline metric of each configuration with baseline NAME: regressed only when a one-sided "
          + "test gives p < 0.01 and the median changed by more than the threshold. The test is Welch's t over both runs'"
          + " fork means (the baseline's earlier runs, where it keeps them, as the floor of the between-run variance);"
          + " records of one fork fall back to a Mann-Whitney U test of the samples.")
  static final class Check implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", arity = "0..1", paramLabel = "RESULTS") Path results;
    @Option(names = "--dir", paramLabel = "DIR", description = "Baselines directory (default baselines).") Path dir = Path.of("baselines");
    @Option(names = "--threshold", paramLabel = "PCT", description = "Smallest change that counts, e.g. 5%% (default).") String threshold = "5%";
    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) | markdown | json.") String format = "table";
    @Option(names = "--allow-env-mismatch", description = "Compare records measured on different machines (for served records: against another server endpoint or version).") boolean allowEnvMismatch;

    @Override
    public Integer call() throws Exception {
      BaselineFormat f;
      try {
        f = BaselineFormat.byName(format);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--format: " + e.getMessage());
      }
      double pct = parseThreshold(threshold);
      BaselineStore store = new BaselineStore(dir);
      if (!Files.exists(store.path(name))) {
        throw new BadInputException("baseline '" + name + "': not found in " + dir + " (saved: " + store.names() + ")");
      }
      List<ResultRecord> base = store.load(name);
      List<ResultRecord> now = load(results);
      BaselineComparison c;
      try {
        c = BaselineCheck.check(base, now, pct, allowEnvMismatch);
      } catch (EnvMismatchException e) {
        throw new BadInputException(e.getMessage());
      }
      System.out.print(f.render(c));
      return c.anyRegressed() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    static double parseThreshold(String s) throws BadInputException {
      String t = s.trim().endsWith("%") ? s.trim().substring(0, s.trim().length() - 1) : s.trim();
      try {
        double v = Double.parseDouble(t);
        if (!(v >= 0) || Double.isInfinite(v)) throw new NumberFormatException();
        return v;
      } catch (NumberFormatException e) {
        throw new BadInputException("--threshold: expected a percentage such as 5%, got '" + s + "'");
      }
    }
  }
}
