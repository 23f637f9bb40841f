package org.inferbench.workload;

/** Run parameters for tests of what requests ask for: the defaults, with a distribution or a request file. */
final class TestParams {
  private TestParams() {}

  static RunParams params(LengthDist dist, RequestFile file) {
    return new RunParams(0, 10, null, 5, 200, 120, null, 42, null, null, false, false, "sequential", "none", null, null,
        null, dist, file, null, null);
  }
}
