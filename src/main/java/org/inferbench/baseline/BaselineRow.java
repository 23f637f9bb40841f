package org.inferbench.baseline;

/**
 * One configuration compared against its baseline on the headline metric.
 *
 * @param configKey the shared config_key
 * @param config a short human label (model, engine, batch, prompt, output)
 * @param metric key of the headline metric compared
 * @param unit the metric's unit
 * @param baselineMedian median of the baseline's raw samples, or null when missing
 * @param currentMedian median of the current raw samples, or null when missing
 * @param ratio current median ÷ baseline median, or null when missing
 * @param ratioCiLow low end of the 95 % bootstrap interval of the ratio
 * @param ratioCiHigh high end of that interval
 * @param pValue one-sided Mann-Whitney p in the direction of the observed change (worse for a slower run, better
 *     for a faster one), or null when missing
 * @param verdict regressed, improved, unchanged or missing
 * @param baselineCount samples on the baseline side
 * @param currentCount samples on the current side
 * @param note why a row is missing, else null
 */
public record BaselineRow(
    String configKey,
    String config,
    String metric,
    String unit,
    Double baselineMedian,
    Double currentMedian,
    Double ratio,
    Double ratioCiLow,
    Double ratioCiHigh,
    Double pValue,
    Verdict verdict,
    int baselineCount,
    int currentCount,
    String note) {

  /** Change of the median in percent: (ratio − 1) × 100; null when missing. */
  public Double changePct() {
    return ratio == null ? null : (ratio - 1) * 100;
  }

  public enum Verdict {
    REGRESSED,
    IMPROVED,
    UNCHANGED,
    MISSING;

    public String label() {
      return name().toLowerCase();
    }
  }
}
