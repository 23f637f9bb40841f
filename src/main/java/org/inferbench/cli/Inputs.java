package org.inferbench.cli;

import org.inferbench.engine.BadInputException;
import org.inferbench.workload.WorkloadBuilder;
import org.inferbench.workload.WorkloadSpec;

/** Turns builder problems into the one-line bad-input error. */
final class Inputs {
  private Inputs() {}

  static WorkloadSpec build(WorkloadBuilder b, WorkloadBuilder.Defaults d) throws BadInputException {
    try {
      return b.build(d);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }
}
