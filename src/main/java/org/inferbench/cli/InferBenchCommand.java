package org.inferbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command; subcommands do the work. */
@Command(name = "inferbench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Measures how fast transformer models answer on this machine: TTFT, TPOT, ITL, E2E, throughput, memory.",
    subcommands = {RunCommand.class, ServeCommand.class, SweepCommand.class, CompareKvCommand.class, CompareEnginesCommand.class, EnginesCommand.class, InspectCommand.class, ModelsCommand.class, SynthCommand.class, ReportCommand.class, MergeCommand.class, ExportCommand.class, BaselineCommand.class, CoverageCommand.class, DoctorCommand.class, ProbeCommand.class, CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class})
public final class InferBenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  private static Long startedAt;
  private static long commandStart;
  private static java.util.List<String> arguments = java.util.List.of();

  /** This command's arguments: client processes of a load plan the same grid from them. */
  static java.util.List<String> arguments() {
    return arguments;
  }

  /** When the command started, for its time budget (Main: the JVM's start); otherwise the call to execute. */
  static void startedAt(long nanos) {
    startedAt = nanos;
  }

  static long commandStart() {
    return commandStart;
  }

  /** Runs the command line and returns the exit code (see {@link ExitCodes}). */
  public static int execute(String... args) {
    commandStart = startedAt != null ? startedAt : System.nanoTime();
    arguments = java.util.List.of(args);
    startedAt = null;
    CommandLine cl = new CommandLine(new InferBenchCommand());
    cl.setExecutionExceptionHandler(InferBenchCommand::handle);
    return cl.execute(args);
  }

  /** Bad input is one line and exit code 2; anything else unexpected is reported, with its cause, as code 3. */
  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    if (e instanceof org.inferbench.core.BadInputException) {
      cl.getErr().println("inferbench: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    cl.getErr().println("inferbench: " + org.inferbench.run.Failures.oneLine(e));
    if (System.getenv("INFERBENCH_DEBUG") != null) e.printStackTrace(cl.getErr());
    return ExitCodes.SOME_FAILED;
  }
}
