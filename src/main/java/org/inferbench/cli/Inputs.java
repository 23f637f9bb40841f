package org.inferbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.inferbench.core.BadInputException;
import org.inferbench.results.LineError;
import org.inferbench.results.LoadedResults;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.inferbench.workload.WorkloadBuilder;
import org.inferbench.workload.WorkloadSpec;

/** Turns problems with the user's inputs (workloads, results files) into the one-line bad-input error. */
final class Inputs {
  private Inputs() {}

  /**
   * Reads results files, the default one when none is named. A missing or unreadable file, or one without a single
   * valid record, is bad input; corrupt lines are in the result's errors (the good lines still load).
   */
  static LoadedResults readResults(List<Path> files) throws BadInputException {
    List<Path> in = files == null || files.isEmpty() ? List.of(WorkloadBuilder.DEFAULT_RESULTS) : files;
    for (Path f : in) {
      if (!Files.exists(f)) throw new BadInputException(f + ": no such results file");
    }
    List<ResultRecord> records = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    try {
      for (Path f : in) {
        LoadedResults one = ResultStore.read(f);
        // corrupt lines are reported beside the good ones; a file with none good is not a results file
        if (one.records().isEmpty()) {
          throw new BadInputException(f + ": no valid result record" + (one.errors().isEmpty() ? " (empty)"
              : " (" + one.errors().get(0) + ")"));
        }
        records.addAll(one.records());
        errors.addAll(one.errors());
      }
    } catch (IOException e) {
      throw new BadInputException(e.getMessage());
    }
    return new LoadedResults(records, errors);
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
