package org.inferbench.cli;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.inferbench.results.CsvExport;
import org.inferbench.results.LineError;
import org.inferbench.results.LoadedResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inferbench export --csv FILE}: one flat RFC 4180 row per configuration. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export results as CSV: one row per configuration, one column per parameter and statistic.")
final class ExportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RESULTS", arity = "0..*", description = "Results files (default results/results.jsonl).")
  List<Path> files;

  @Option(names = "--csv", paramLabel = "FILE", required = true, description = "The CSV file to write.")
  Path csv;

  @Override
  public Integer call() throws Exception {
    LoadedResults loaded = Inputs.readResults(files);
    for (LineError e : loaded.errors()) System.err.println("inferbench: " + e);
    Path parent = csv.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    // Written beside the target and moved into place: a failed export never leaves half a file.
    Path tmp = Files.createTempFile(parent, ".export-", ".csv");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      CsvExport.write(loaded.records(), w);
    }
    Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.err.println("exported " + loaded.records().size() + " records to " + csv);
    return ExitCodes.OK;
  }
}
