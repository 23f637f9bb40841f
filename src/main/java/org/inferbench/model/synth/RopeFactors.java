package org.inferbench.model.synth;

import org.inferbench.model.HfConfig;

/**
 * Llama 3's RoPE scaling as llama.cpp takes it: one factor per rotary frequency in a rope_freqs tensor, by which it
 * divides that frequency (convert_hf_to_gguf.py computes them the way Hugging Face's llama3 rope initialisation
 * does): high frequencies keep theirs, low ones are divided by the factor, and the band between is interpolated.
 * The ONNX graph divides Hugging Face's inv_freq by the same factors.
 */
public final class RopeFactors {
  private RopeFactors() {}

  /** The divisor of each rotary frequency: all ones without llama3 rope scaling. */
  public static float[] of(HfConfig c) {
    if (c.ropeScaling() == null) {
      float[] ones = new float[c.headDim() / 2];
      java.util.Arrays.fill(ones, 1f);
      return ones;
    }
    return llama3(c);
  }

  public static float[] llama3(HfConfig c) {
    HfConfig.RopeScaling s = c.ropeScaling();
    int dim = c.headDim();
    float[] factors = new float[dim / 2];
    double lowWavelen = s.originalContext() / s.lowFreqFactor();
    double highWavelen = s.originalContext() / s.highFreqFactor();
    for (int i = 0; i < dim / 2; i++) {
      double freq = 1.0 / Math.pow(c.ropeTheta(), 2.0 * i / dim);
      double wavelen = 2 * Math.PI / freq;
      double f;
      if (wavelen < highWavelen) {
        f = 1;
      } else if (wavelen > lowWavelen) {
        f = s.factor();
      } else {
        double smooth = (s.originalContext() / wavelen - s.lowFreqFactor()) / (s.highFreqFactor() - s.lowFreqFactor());
        f = 1 / ((1 - smooth) / s.factor() + smooth);
      }
      factors[i] = (float) f;
    }
    return factors;
  }
}
