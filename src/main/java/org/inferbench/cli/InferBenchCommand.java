package org.inferbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command; subcommands do the work. */
@Command(name = "inferbench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Measures how fast transformer models answer on this machine: TTFT, TPOT, ITL, E2E, throughput, memory.",
    subcommands = {CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class})
public final class InferBenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs the command line and returns the exit code (see {@link ExitCodes}). */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new InferBenchCommand());
    return cl.execute(args);
  }
}
