package org.inferbench.run;

import org.inferbench.core.ModelFacts;
import org.inferbench.engine.ModelInfo;
import org.inferbench.core.ModelShape;
import org.inferbench.roofline.Roofline;
import org.inferbench.roofline.RooflineCounts;

/**
 * A rough time for one request of an engine that cannot estimate itself, from the model's FLOPs and bytes and the
 * machine's probed roofs, at typical utilisations (prefill 50 % MFU, decode 70 % MBU). For --dry-run only.
 */
public final class RooflineEstimate {
  static final double PREFILL_MFU = 0.5;
  static final double DECODE_MBU = 0.7;

  private RooflineEstimate() {}

  /** Seconds for one request, or NaN when the engine reported no facts of the model. */
  public static double seconds(ModelInfo info, Roofline roof, int batch, int prompt, int output, boolean kvCache) {
    if (info.facts() == null) return Double.NaN;
    ModelFacts d = info.facts();
    double peak = roof.peakFlopsPerS() * PREFILL_MFU;
    if (info.shape() == ModelShape.ENCODER) return RooflineCounts.encoderForwardFlops(d.dims(), batch, prompt) / peak;
    double t = RooflineCounts.prefillFlops(d, batch, prompt) / peak;
    for (int k = 1; k < output; k++) {
      if (kvCache) {
        long context = info.shape() == ModelShape.ENCODER_DECODER ? k : (long) prompt + k;
        double bytes = RooflineCounts.weightBytesPerStep(d, batch) + RooflineCounts.kvBytesPerStep(d, batch, context);
        t += bytes / (roof.bandwidthBytesPerS() * DECODE_MBU);
      } else {
        // without a cache every step is a forward pass over everything so far
        t += RooflineCounts.prefillFlops(d, batch, info.shape() == ModelShape.ENCODER_DECODER ? prompt : prompt + k) / peak;
      }
    }
    return t;
  }
}
