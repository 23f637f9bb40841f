package org.inferbench.report;

import java.util.List;
import java.util.stream.Stream;

/**
 * The few sentences a report leads with, drawn from the numbers: how latency scales with prompt length
 * ({@link ScalingFindings}), which one-parameter changes made a significant difference ({@link AbFindings}), and up
 * to which load a server meets its SLOs ({@link ServingFindings}).
 */
public record Findings(List<String> scaling, List<String> ab, List<String> serving) {
  public Findings {
    scaling = List.copyOf(scaling);
    ab = List.copyOf(ab);
    serving = List.copyOf(serving);
  }

  static Findings of(ResultSet set, List<ScalingAnalysis.Series> series) {
    return new Findings(ScalingFindings.sentences(series), AbFindings.sentences(set), ServingFindings.sentences(set));
  }

  /** Every sentence: scaling, then A/B, then serving. */
  public List<String> all() {
    return Stream.of(scaling, ab, serving).flatMap(List::stream).toList();
  }
}
