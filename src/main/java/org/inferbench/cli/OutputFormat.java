package org.inferbench.cli;

import org.inferbench.core.BadInputException;

/** The --format values of commands that print records: the table, or every field as JSON lines or CSV rows. */
enum OutputFormat {
  TABLE, JSON, CSV;

  static boolean json(String format) throws BadInputException {
    return parse(format) == JSON;
  }

  static OutputFormat parse(String format) throws BadInputException {
    return switch (format) {
      case "json" -> JSON;
      case "csv" -> CSV;
      case "table" -> TABLE;
      default -> throw new BadInputException("--format: expected table, json or csv, got '" + format + "'");
    };
  }
}
