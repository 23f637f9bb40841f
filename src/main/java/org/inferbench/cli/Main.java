package org.inferbench.cli;

import org.inferbench.run.TimeBudget;

/** Entry point: hands the arguments to picocli and exits with the command's code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // a time budget covers the whole command, the JVM's start included
    InferBenchCommand.startedAt(TimeBudget.jvmStartNanos());
    System.exit(InferBenchCommand.execute(args));
  }
}
