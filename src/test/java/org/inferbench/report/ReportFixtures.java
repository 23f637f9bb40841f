package org.inferbench.report;

import java.util.List;
import org.inferbench.results.ResultRecord;

/** Test access to {@link Fixtures} from other test packages (the report's html and plot tests). */
public final class ReportFixtures {
  private ReportFixtures() {}

  /** See {@link Fixtures#fullSet(String)}. */
  public static List<ResultRecord> fullSet(String secondModel) {
    return Fixtures.fullSet(secondModel);
  }
}
