package org.inferbench.results;

import java.nio.file.Path;

/** A line of a results file that could not be loaded; the other lines still are. */
public record LineError(Path file, int lineNumber, String message) {
  @Override
  public String toString() {
    return file + ":" + lineNumber + ": " + message;
  }
}
