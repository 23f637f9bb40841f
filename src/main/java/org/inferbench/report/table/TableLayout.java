package org.inferbench.report.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How wide a table may be: the terminal's columns (0 when unknown: output to a pipe or a file, no COLUMNS) and whether
 * every column was asked for ({@code --wide}). Without {@code --wide} a table keeps to {@link #DEFAULT_WIDTH}
 * columns by leaving out its optional ones; a table still wider than the terminal (or than the default width when the
 * terminal is unknown) is printed one row as a block of "header value" lines, since wrapped rows fall apart.
 */
public record TableLayout(int terminalWidth, boolean wide) {
  /** The width the default columns are chosen for: what an ordinary terminal window shows. */
  public static final int DEFAULT_WIDTH = 120;

  private static volatile TableLayout current;

  /** The width over which a table turns vertical. */
  public int limit() {
    if (terminalWidth > 0) return terminalWidth;
    return wide ? Integer.MAX_VALUE : DEFAULT_WIDTH;
  }

  /** The layout commands print with: set by a command's {@code --wide}, else detected once. */
  public static TableLayout current() {
    TableLayout l = current;
    return l != null ? l : use(false);
  }

  /** Sets the layout for this process's tables: this terminal's width, every column or the default ones. */
  public static TableLayout use(boolean wide) {
    TableLayout l = new TableLayout(detectWidth(), wide);
    current = l;
    return l;
  }

  /** Sets the layout for this process's tables as given (a test's terminal of known width). */
  public static void use(TableLayout layout) {
    current = layout;
  }

  /** COLUMNS when set (shells set it; tests and scripts may), else the controlling terminal's width, else 0. */
  static int detectWidth() {
    String env = System.getenv("COLUMNS");
    if (env != null && env.strip().matches("[0-9]{1,4}")) return Integer.parseInt(env.strip());
    Path tty = Path.of("/dev/tty");
    if (System.console() == null || !Files.isReadable(tty)) return 0;
    try {
      // stty reads the size of the terminal on its standard input; without a controlling terminal it fails
      Process p = new ProcessBuilder("stty", "size").redirectInput(tty.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return 0;
      }
      String[] rowsCols = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split(" ");
      return p.exitValue() == 0 && rowsCols.length == 2 ? Integer.parseInt(rowsCols[1]) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
