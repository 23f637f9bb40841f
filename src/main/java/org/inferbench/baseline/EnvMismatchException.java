package org.inferbench.baseline;

import org.inferbench.results.ResultRecord;

/**
 * The baseline was measured on another machine (another env_fingerprint): comparing would mislead. A served
 * configuration's machine is its server, refused the same way by {@link ServerMismatchException}.
 */
public class EnvMismatchException extends RuntimeException {
  private final String baselineFingerprint;
  private final String currentFingerprint;

  public EnvMismatchException(String configKey, String baselineFingerprint, String currentFingerprint) {
    super("env_fingerprint: baseline measured on " + baselineFingerprint + ", this run on " + currentFingerprint
        + " (config " + configKey + "); allow the mismatch to compare anyway");
    this.baselineFingerprint = baselineFingerprint;
    this.currentFingerprint = currentFingerprint;
  }

  /** Another kind of machine mismatch between two records, said by {@code message}. */
  EnvMismatchException(String message, ResultRecord baseline, ResultRecord current) {
    super(message);
    this.baselineFingerprint = baseline.envFingerprint();
    this.currentFingerprint = current.envFingerprint();
  }

  public String baselineFingerprint() {
    return baselineFingerprint;
  }

  public String currentFingerprint() {
    return currentFingerprint;
  }
}
