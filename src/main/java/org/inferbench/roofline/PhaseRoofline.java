package org.inferbench.roofline;

/**
 * How close one phase came to the machine's roof.
 *
 * @param phase "decode", "prefill" or "encoder"
 * @param bound "memory" (decode: bytes against bandwidth) or "compute" (prefill/encoder: FLOPs against peak)
 * @param work bytes read per step (decode) or FLOPs of the pass (prefill/encoder)
 * @param measuredSeconds the measured TPOT, TTFT or encoder latency
 * @param achievedPerS work ÷ measured time: bytes/s or FLOP/s
 * @param roofPerS the machine's measured bandwidth or peak FLOP/s
 * @param utilization achieved ÷ roof: MBU for decode, MFU for prefill and encoder
 * @param ceilingSeconds the time this machine would need at 100 % of its roof: the best TPOT/TTFT reachable
 * @param verdict near the roof (utilization ≥ 50 %) or overhead-bound
 * @param note how the work was counted (e.g. the mean decode context)
 */
public record PhaseRoofline(
    String phase,
    String bound,
    double work,
    double measuredSeconds,
    double achievedPerS,
    double roofPerS,
    double utilization,
    double ceilingSeconds,
    Verdict verdict,
    String note) {

  /** Utilization at or above which a phase is called near its roof. */
  public static final double NEAR_ROOF_THRESHOLD = 0.5;

  public enum Verdict {
    NEAR_ROOF("near its roof"),
    OVERHEAD_BOUND("overhead-bound");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
