package org.inferbench.cli;

/** Entry point: hands the arguments to picocli and exits with the command's code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(InferBenchCommand.execute(args));
  }
}
