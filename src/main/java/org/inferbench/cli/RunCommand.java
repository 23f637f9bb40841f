package org.inferbench.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.LabelledModel;
import org.inferbench.workload.WorkloadBuilder;
import org.inferbench.workload.WorkloadSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inferbench run}: measure a workload and append its results. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Measure configurations (models × engines × settings × batch × prompt × output) and append one result line each.")
final class RunCommand implements Callable<Integer> {
  /** With no model or engine given: a short latency run of real transformer graphs. */
  static final WorkloadBuilder.Defaults DEFAULTS = new WorkloadBuilder.Defaults(
      List.of(LabelledModel.of("gpt2"), LabelledModel.of("bert-base-uncased"), LabelledModel.of("t5-small")), List.of("onnx"),
      List.of(128), List.of(32), Isolation.PROCESS);

  @Mixin
  WorkloadOptions workload;

  @Mixin
  ShardOptions shard;

  @Mixin
  ClientOptions clients;

  @Option(names = "--dry-run", description = "Print the configurations and an estimate of the time; measure nothing.")
  boolean dryRun;

  @Option(names = "--resume", description = "Skip configurations whose config_key already has an ok record in the results file.")
  boolean resume;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "table (default) | json | csv: print every field of the records instead of the table.")
  String format = "table";

  @Mixin
  TableOptions table;

  @Override
  public Integer call() throws Exception {
    OutputFormat fmt = OutputFormat.parse(format);
    table.apply();
    List<WorkloadBuilder> builders = workload.toBuilders();
    ShardOptions.Resolved share = shard.resolve(builders);
    List<WorkloadSpec> spec = Inputs.build(builders, DEFAULTS);
    return new RunPipeline(System.out, System.err).shard(share).clients(clients).toolNames(workload.metricNames)
        .execute(spec, false, dryRun, resume, fmt)
        .exitCode();
  }
}
