package org.inferbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.inferbench.core.BadInputException;
import org.inferbench.results.LoadedResults;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.inferbench.run.Shard;
import org.inferbench.run.ShardPlan;
import org.inferbench.workload.WorkloadBuilder;
import picocli.CommandLine.Option;

/** {@code --shard I/N} of run and sweep, or the shard a Slurm job array or Kubernetes Indexed Job gives. */
final class ShardOptions {
  @Option(names = "--shard", paramLabel = "I/N",
      description = "Run only shard I of N (I from 0) of the grid; read from Slurm job arrays (SLURM_ARRAY_TASK_*) "
          + "and Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX with INFERBENCH_SHARD_COUNT) when not given.")
  String shard;

  @Option(names = "--estimates", paramLabel = "FILE",
      description = "Results file whose records estimate each configuration's time for splitting the grid between "
          + "shards (e.g. an earlier run's); give every shard the same file. Default: a fixed reference machine.")
  Path estimates;

  /** A shard and the estimates its split is made with (the same on every node). */
  record Resolved(Shard shard, List<ResultRecord> estimates, String estimatesId) {}

  /** The shard to run, or null for the whole grid; a shard's results go to results/shard-I-of-N.jsonl by default. */
  Resolved resolve(List<WorkloadBuilder> builders) throws BadInputException {
    Shard s = Shard.resolve(shard, System.getenv());
    if (s == null) {
      if (estimates != null) {
        throw new BadInputException("--estimates " + estimates + ": only splits a sharded run; give --shard I/N too");
      }
      return null;
    }
    for (WorkloadBuilder b : builders) {
      if (b.results == null) b.results = Path.of("results", s.resultsFileName());
    }
    if (estimates == null) return new Resolved(s, List.of(), ShardPlan.REFERENCE_ESTIMATES);
    if (!Files.isRegularFile(estimates)) throw new BadInputException("--estimates " + estimates + ": no such file");
    try {
      byte[] bytes = Files.readAllBytes(estimates);
      LoadedResults loaded = ResultStore.read(estimates);
      if (loaded.records().isEmpty()) {
        throw new BadInputException("--estimates " + estimates + ": no valid result record; expected a results file");
      }
      return new Resolved(s, loaded.records(), "sha256:" + ShardPlan.sha256(bytes));
    } catch (IOException e) {
      throw new BadInputException("--estimates " + estimates + ": cannot read (" + e.getMessage() + ")");
    }
  }
}
