package org.inferbench.cli;

import org.inferbench.report.table.TableLayout;
import picocli.CommandLine.Option;

/** {@code --wide}: every column of the tables a command prints, rather than those that fit 120 columns. */
final class TableOptions {
  @Option(names = "--wide", description = "Every column of the tables (by default those that fit 120 columns;"
      + " a terminal narrower than a table gets one block per row).")
  boolean wide;

  /** Sets this process's table layout from the flag and the terminal. */
  void apply() {
    TableLayout.use(wide);
  }
}
