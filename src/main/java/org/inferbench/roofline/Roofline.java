package org.inferbench.roofline;

import org.inferbench.core.ModelFacts;
import org.inferbench.core.ModelShape;
import org.inferbench.roofline.probe.ProbeResult;

/**
 * Places measured latencies under the machine's roofs: decode steps against memory bandwidth (MBU), prefill and
 * encoder passes against peak matrix-multiply throughput (MFU), as METRICS.md defines them.
 *
 * @param bandwidthBytesPerS sustained memory read bandwidth of the machine (from the probe)
 * @param peakFlopsPerS peak fp32 MatMul throughput of the machine (from the probe)
 */
public record Roofline(double bandwidthBytesPerS, double peakFlopsPerS) {

  public Roofline {
    if (!(bandwidthBytesPerS > 0) || Double.isInfinite(bandwidthBytesPerS)) {
      throw new IllegalArgumentException("bandwidthBytesPerS: expected a positive number, got " + bandwidthBytesPerS);
    }
    if (!(peakFlopsPerS > 0) || Double.isInfinite(peakFlopsPerS)) {
      throw new IllegalArgumentException("peakFlopsPerS: expected a positive number, got " + peakFlopsPerS);
    }
  }

  /** The roofs the probe measured. */
  public static Roofline of(ProbeResult probe) {
    return new Roofline(probe.bandwidthBytesPerS(), probe.peakFlopsPerS());
  }

  /**
   * MBU of the decode phase: (weight bytes + KV bytes per step) ÷ TPOT ÷ bandwidth.
   *
   * <p>The KV cache grows by one position per step, so each step reads a different amount. TPOT is a mean over the
   * steps, so the bytes are taken at the mean context: prompt + output/2 for a decoder (steps run at contexts
   * prompt+1 … prompt+output−1, whose mean is prompt + output/2). An encoder-decoder's self-attention cache holds
   * only generated tokens (mean output/2) and every step also reads the cross-attention cache over the prompt.
   */
  public PhaseRoofline decode(ModelFacts d, int batch, int prompt, int output, double tpotSeconds) {
    if (d.dims().shape() == ModelShape.ENCODER) throw new IllegalArgumentException("shape: an encoder has no decode phase");
    if (output < 2) throw new IllegalArgumentException("output: expected >= 2 for a decode phase, got " + output);
    checkSeconds("tpot", tpotSeconds);
    boolean crossAttention = d.dims().shape() == ModelShape.ENCODER_DECODER;
    double meanContext = (crossAttention ? 0 : prompt) + output / 2.0;
    // KV bytes are linear in the context, so the bytes at the mean context are the mean of the bytes per step.
    double kvBytes = RooflineCounts.kvBytesPerStep(d, batch, 1) * meanContext
        + RooflineCounts.crossKvBytesPerStep(d, batch, prompt);
    double bytes = RooflineCounts.weightBytesPerStep(d, batch) + kvBytes;
    String note = "bytes per step at the mean context " + meanContext
        + (crossAttention ? " (generated tokens) plus cross-attention over " + prompt + " encoder positions" : "");
    return phase("decode", "memory", bytes, tpotSeconds, bandwidthBytesPerS, note);
  }

  /** MFU of the prefill: FLOPs until the first token ÷ TTFT ÷ peak (an encoder-decoder's encoder pass included). */
  public PhaseRoofline prefill(ModelFacts d, int batch, int prompt, double ttftSeconds) {
    if (d.dims().shape() == ModelShape.ENCODER) throw new IllegalArgumentException("shape: an encoder has no prefill phase");
    checkSeconds("ttft", ttftSeconds);
    double flops = RooflineCounts.prefillFlops(d, batch, prompt);
    return phase("prefill", "compute", flops, ttftSeconds, peakFlopsPerS, "FLOPs over " + prompt + " prompt tokens");
  }

  /** MFU of an encoder's forward pass: FLOPs ÷ encoder latency ÷ peak. */
  public PhaseRoofline encoder(ModelFacts d, int batch, int sequence, double latencySeconds) {
    checkSeconds("encoder latency", latencySeconds);
    double flops = RooflineCounts.encoderForwardFlops(d.dims(), batch, sequence);
    return phase("encoder", "compute", flops, latencySeconds, peakFlopsPerS, "FLOPs over " + sequence + " tokens");
  }

  private static PhaseRoofline phase(String name, String bound, double work, double seconds, double roof,
      String note) {
    double achieved = work / seconds;
    double utilization = achieved / roof;
    PhaseRoofline.Verdict verdict = utilization >= PhaseRoofline.NEAR_ROOF_THRESHOLD
        ? PhaseRoofline.Verdict.NEAR_ROOF
        : PhaseRoofline.Verdict.OVERHEAD_BOUND;
    return new PhaseRoofline(name, bound, work, seconds, achieved, roof, utilization, work / roof, verdict, note);
  }

  private static void checkSeconds(String field, double seconds) {
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException(field + ": expected a positive time in seconds, got " + seconds);
    }
  }
}
