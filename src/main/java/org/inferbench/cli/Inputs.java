package org.inferbench.cli;

import java.util.ArrayList;
import java.util.List;
import org.inferbench.engine.BadInputException;
import org.inferbench.workload.WorkloadBuilder;
import org.inferbench.workload.WorkloadSpec;

/** Turns builder problems into the one-line bad-input error. */
final class Inputs {
  private Inputs() {}

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
