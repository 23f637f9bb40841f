package org.inferbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.inferbench.core.BadInputException;
import org.inferbench.workload.WorkloadBuilder;
import org.inferbench.workload.WorkloadSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inferbench sweep FILE}: a sweep file's whole grid as one run — cells a model or engine cannot take are
 * recorded as n/a instead of refused — then the report over the accumulated results.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Run a sweep file (a grid of models × engines × settings × batch × prompt × output), then write the report.")
final class SweepCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "Sweep YAML file (same keys as a workload file).")
  Path file;

  @Mixin
  WorkloadOptions workload;

  @Mixin
  ShardOptions shard;

  @Mixin
  ClientOptions clients;

  @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default reports/<sweep name>).")
  Path out;

  @Option(names = "--resume", description = "Skip configurations already measured ok in the results file.")
  boolean resume;

  @Option(names = "--dry-run", description = "Print the grid and an estimate of the time; measure nothing.")
  boolean dryRun;

  @Option(names = "--no-report", description = "Do not write the report at the end.")
  boolean noReport;

  @picocli.CommandLine.Mixin
  TableOptions table;

  @Override
  public Integer call() throws Exception {
    table.apply();
    if (workload.config != null) throw new BadInputException("-c: a sweep takes its file as the argument, not -c");
    workload.config = file;
    List<WorkloadBuilder> builders = workload.toBuilders();
    ShardOptions.Resolved share = shard.resolve(builders);
    List<WorkloadSpec> spec = Inputs.build(builders, RunCommand.DEFAULTS);
    long t0 = System.nanoTime();
    // the report draws a few plots and tables per configuration: measured 2–5 s for a 12-point sweep here
    RunPipeline.Outcome o = new RunPipeline(System.out, System.err).shard(share).clients(clients)
        .toolNames(workload.metricNames).reserve(noReport ? 1 : 5)
        .execute(spec, true, dryRun, resume, OutputFormat.TABLE);
    if (dryRun) return o.exitCode();
    System.err.printf(java.util.Locale.ROOT, "sweep took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    if (!noReport) {
      Path dir = out != null ? out : Path.of("reports", name(file));
      ReportCommand.write(List.of(spec.get(0).results()), dir, System.out, spec.get(0).question());
    }
    return o.exitCode();
  }

  private static String name(Path f) {
    String n = f.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
