package org.inferbench.report;

import java.util.List;
import java.util.stream.Stream;

/**
 * The few sentences a report leads with, drawn from the numbers: how latency scales with prompt length
 * ({@link ScalingFindings}) and which one-parameter changes made a significant difference ({@link AbFindings}).
 */
public record Findings(List<String> scaling, List<String> ab) {
  public Findings {
    scaling = List.copyOf(scaling);
    ab = List.copyOf(ab);
  }

  static Findings of(ResultSet set, List<ScalingAnalysis.Series> series) {
    return new Findings(ScalingFindings.sentences(series), AbFindings.sentences(set));
  }

  /** Every sentence, scaling first. */
  public List<String> all() {
    return Stream.concat(scaling.stream(), ab.stream()).toList();
  }
}
