package org.inferbench.baseline;

import java.util.List;

/**
 * The outcome of a baseline check: one row per config_key seen on either side.
 *
 * @param thresholdPct smallest change of the median that counts, in percent
 * @param alpha significance level of the one-sided Mann-Whitney test
 */
public record BaselineComparison(List<BaselineRow> rows, double thresholdPct, double alpha) {
  public BaselineComparison {
    rows = List.copyOf(rows);
  }

  /** True when any configuration regressed: the CLI exits with 1. */
  public boolean anyRegressed() {
    return count(BaselineRow.Verdict.REGRESSED) > 0;
  }

  public long count(BaselineRow.Verdict verdict) {
    return rows.stream().filter(r -> r.verdict() == verdict).count();
  }
}
