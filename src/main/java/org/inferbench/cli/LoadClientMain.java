package org.inferbench.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.inferbench.fleet.ClientLink;
import org.inferbench.run.LoadClient;
import org.inferbench.run.Plan;
import org.inferbench.run.Planner;
import org.inferbench.workload.Grid;
import org.inferbench.workload.WorkloadBuilder;
import picocli.CommandLine;

/**
 * A client process of {@code --clients N}: {@code HOST PORT INDEX N CONFIGURATION -- COMMAND...}. It plans the grid
 * from the coordinator's own command line, as every node of a sharded sweep does, takes the configuration with that
 * index and drives its share of the load (see {@link LoadClient}). A coordinator it cannot reach is one line and
 * exit code 2.
 */
public final class LoadClientMain {
  private LoadClientMain() {}

  public static void main(String[] args) {
    int code;
    try {
      code = serve(args);
    } catch (Exception e) {
      System.err.println("inferbench: client: " + org.inferbench.run.Failures.oneLine(e));
      code = ExitCodes.SOME_FAILED;
    }
    System.exit(code);
  }

  private static int serve(String[] args) throws Exception {
    if (args.length < 6 || !args[5].equals("--")) {
      System.err.println("inferbench: client: expected HOST PORT INDEX N CONFIGURATION -- COMMAND...");
      return ExitCodes.BAD_INPUT;
    }
    int index = Integer.parseInt(args[2]);
    ClientLink link;
    try {
      link = ClientLink.connect(args[0], Integer.parseInt(args[1]), index);
    } catch (IOException e) {
      System.err.println("inferbench: client " + index + ": " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    try (link) {
      try {
        Plan plan = plan(Arrays.copyOfRange(args, 6, args.length), Integer.parseInt(args[4]));
        LoadClient.serve(plan, link, index);
        return ExitCodes.OK;
      } catch (Exception e) {
        link.fail(org.inferbench.run.Failures.oneLine(e));
        throw e;
      }
    }
  }

  /** The configuration {@code index} of the grid the command line plans. */
  private static Plan plan(String[] command, int index) throws Exception {
    CommandLine.ParseResult parsed = new CommandLine(new InferBenchCommand()).parseArgs(command);
    Object sub = parsed.subcommand().commandSpec().userObject();
    WorkloadOptions workload;
    WorkloadBuilder.Defaults defaults = RunCommand.DEFAULTS;
    if (sub instanceof RunCommand r) {
      workload = r.workload;
    } else if (sub instanceof SweepCommand s) {
      workload = s.workload;
      workload.config = s.file;
    } else {
      throw new IllegalArgumentException("a client of " + parsed.subcommand().commandSpec().name()
          + ": expected run or sweep");
    }
    List<WorkloadBuilder> builders = workload.toBuilders();
    for (Plan p : new Planner().plan(Grid.expand(Inputs.build(builders, defaults)))) {
      if (p.configuration().index() == index) return p;
    }
    throw new IllegalArgumentException("the grid has no configuration " + index);
  }
}
