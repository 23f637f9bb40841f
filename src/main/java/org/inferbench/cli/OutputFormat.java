package org.inferbench.cli;

import org.inferbench.engine.BadInputException;

/** The --format values of commands that print records. */
final class OutputFormat {
  private OutputFormat() {}

  static boolean json(String format) throws BadInputException {
    return switch (format) {
      case "json" -> true;
      case "table" -> false;
      default -> throw new BadInputException("--format: expected table or json, got '" + format + "'");
    };
  }
}
