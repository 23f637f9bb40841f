package org.inferbench.cli;

import java.nio.file.Path;
import java.util.List;
import org.inferbench.engine.BadInputException;
import org.inferbench.run.Shard;
import org.inferbench.workload.WorkloadBuilder;
import picocli.CommandLine.Option;

/** {@code --shard I/N} of run and sweep, or the shard a Slurm job array or Kubernetes Indexed Job gives. */
final class ShardOptions {
  @Option(names = "--shard", paramLabel = "I/N",
      description = "Run only shard I of N (I from 0) of the grid; read from Slurm job arrays (SLURM_ARRAY_TASK_*) "
          + "and Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX with INFERBENCH_SHARD_COUNT) when not given.")
  String shard;

  /** The shard to run, or null for the whole grid; a shard's results go to results/shard-I-of-N.jsonl by default. */
  Shard resolve(List<WorkloadBuilder> builders) throws BadInputException {
    Shard s = shard != null ? Shard.parse(shard) : Shard.fromEnvironment(System.getenv(), null);
    if (s == null) return null;
    for (WorkloadBuilder b : builders) {
      if (b.results == null) b.results = Path.of("results", s.resultsFileName());
    }
    return s;
  }
}
