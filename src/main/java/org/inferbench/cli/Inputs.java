package org.inferbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.inferbench.engine.BadInputException;
import org.inferbench.results.LoadedResults;
import org.inferbench.results.ResultStore;
import org.inferbench.workload.WorkloadBuilder;
import org.inferbench.workload.WorkloadSpec;

/** Turns problems with the user's inputs (workloads, results files) into the one-line bad-input error. */
final class Inputs {
  private Inputs() {}

  /**
   * Reads results files, the default one when none is named. A missing or unreadable file is bad input; corrupt
   * lines are in the result's errors (the good lines still load).
   */
  static LoadedResults readResults(List<Path> files) throws BadInputException {
    List<Path> in = files == null || files.isEmpty() ? List.of(WorkloadBuilder.DEFAULT_RESULTS) : files;
    for (Path f : in) {
      if (!Files.exists(f)) throw new BadInputException(f + ": no such results file");
    }
    try {
      return ResultStore.read(in);
    } catch (IOException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  static List<WorkloadSpec> build(List<WorkloadBuilder> builders, WorkloadBuilder.Defaults d) throws BadInputException {
    List<WorkloadSpec> specs = new ArrayList<>();
    try {
      for (WorkloadBuilder b : builders) specs.add(b.build(d));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    return specs;
  }
}
