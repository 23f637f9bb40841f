package org.inferbench.engine.calibration;

import org.inferbench.engine.EngineSettings;

/**
 * The configured costs, in microseconds, before noise.
 *
 * <p>TTFT = prefill1 × batch × prompt + prefill2 × batch × prompt²; a decode step at context length c (the tokens
 * in the cache: prompt plus those generated so far) = step + context × batch × c.
 */
public record CostModel(double prefillUsPerToken, double prefillUsPerToken2, double stepUs, double contextUsPerToken,
    double jitter) {
  /** The costs a calibration engine's settings configure (also the ground-truth server's default service time). */
  public static CostModel from(EngineSettings s) {
    return new CostModel(s.getDouble("prefill-us-per-token"), s.getDouble("prefill-us-per-token2"),
        s.getDouble("step-us"), s.getDouble("context-us-per-token"), s.getDouble("jitter"));
  }

  public double prefillUs(int batch, int prompt) {
    return prefillUsPerToken * batch * prompt + prefillUsPerToken2 * batch * (double) prompt * prompt;
  }

  public double stepUs(int batch, int context) {
    return stepUs + contextUsPerToken * batch * context;
  }

  /** Expected TPOT: the mean step cost over the output − 1 decode steps, contexts prompt+1 … prompt+output−1. */
  public double tpotUs(int batch, int prompt, int output) {
    if (output < 2) return Double.NaN;
    double meanContext = prompt + output / 2.0;
    return stepUs + contextUsPerToken * batch * meanContext;
  }
}
