package org.inferbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.inferbench.core.BadInputException;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;

/**
 * The run's salt of the prompts sent to a server ({@link org.inferbench.workload.PromptStream}): a fresh random one,
 * so no run sends a prompt an earlier run left in a server's prefix cache, or a recorded run's ({@code --replay RUN}),
 * to send its prompts again — with its seed, unless {@code --seed} is given.
 *
 * @param seed the recorded run's seed where a run is replayed, else null
 */
record PromptSalt(long salt, Long seed) {
  static PromptSalt fresh() {
    return new PromptSalt(new SecureRandom().nextLong(), null);
  }

  /** The salt of run {@code runId} (or the one run whose id starts with it) in the results file. */
  static PromptSalt replay(String runId, Path results) throws BadInputException {
    String flag = "--replay " + runId;
    if (!Files.isRegularFile(results)) {
      throw new BadInputException(flag + ": no results file " + results + " to find the run in (give --results)");
    }
    ResultRecord found = null;
    try {
      for (ResultRecord r : ResultStore.read(results).records()) {
        if (r.runId() == null || !r.runId().startsWith(runId) || r.workload().promptSalt() == null) continue;
        if (found != null && !found.runId().equals(r.runId())) {
          throw new BadInputException(flag + ": names several runs in " + results + " (" + found.runId() + ", "
              + r.runId() + "); give more of the id");
        }
        found = r;
      }
    } catch (IOException e) {
      throw new BadInputException(flag + ": cannot read " + results + " (" + BadInputException.oneLine(e) + ")");
    }
    if (found == null) {
      throw new BadInputException(flag + ": no record of that run with a prompt salt in " + results
          + " (expected the run_id of a served run recorded with schema 5 or later)");
    }
    return new PromptSalt(Long.parseUnsignedLong(found.workload().promptSalt(), 16), found.workload().seed());
  }
}
