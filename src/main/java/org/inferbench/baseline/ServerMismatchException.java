package org.inferbench.baseline;

import org.inferbench.results.ResultRecord;

/**
 * A served configuration (a remote engine such as openai) was measured against another server than its baseline:
 * another endpoint or another server version. Its env_fingerprint is the client's machine; what sets its numbers is
 * the server, so this is the machine mismatch of served records, refused and allowed the same way.
 */
public final class ServerMismatchException extends EnvMismatchException {
  private final String field;
  private final String baselineValue;
  private final String currentValue;

  /** @param field the engine setting that differs, e.g. {@code server.version} */
  ServerMismatchException(String field, String config, ResultRecord baseline, ResultRecord current,
      String baselineValue, String currentValue) {
    super(field + ": baseline measured against " + baselineValue + ", this run against " + currentValue + " (config "
        + config + "); allow the mismatch to compare anyway", baseline, current);
    this.field = field;
    this.baselineValue = baselineValue;
    this.currentValue = currentValue;
  }

  public String field() {
    return field;
  }

  public String baselineValue() {
    return baselineValue;
  }

  public String currentValue() {
    return currentValue;
  }
}
