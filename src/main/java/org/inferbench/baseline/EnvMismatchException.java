package org.inferbench.baseline;

/** The baseline was measured on another machine (another env_fingerprint): comparing would mislead. */
public final class EnvMismatchException extends RuntimeException {
  private final String baselineFingerprint;
  private final String currentFingerprint;

  public EnvMismatchException(String configKey, String baselineFingerprint, String currentFingerprint) {
    super("env_fingerprint: baseline measured on " + baselineFingerprint + ", this run on " + currentFingerprint
        + " (config " + configKey + "); allow the mismatch to compare anyway");
    this.baselineFingerprint = baselineFingerprint;
    this.currentFingerprint = currentFingerprint;
  }

  public String baselineFingerprint() {
    return baselineFingerprint;
  }

  public String currentFingerprint() {
    return currentFingerprint;
  }
}
