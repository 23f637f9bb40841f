package org.inferbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.junit.jupiter.api.Test;

/** The other tools' names map onto the same samples by their definitions (METRICS.md), multi-token chunks included. */
final class ToolNamesTest {
  private static ResultRecord record() {
    ResultRecord r = Fixtures.record(Fixtures.decoder("m"));
    Map<String, double[]> samples = new TreeMap<>(r.samples());
    samples.put(Metric.TTFT.key(), new double[] {100});
    samples.put(Metric.TPOT.key(), new double[] {25});
    samples.put(Metric.E2E.key(), new double[] {200});
    // gaps: 50 ms, then a 3-token chunk (50 and two zeros), then 50
    samples.put(Metric.ITL.key(), new double[] {50, 50, 0, 0});
    return new ResultRecord(r.schemaVersion(), r.configKey(), r.envFingerprint(), r.runId(), r.timestamp(), r.status(),
        r.reason(), r.workload(), r.environment(), r.metrics(), samples, r.requestTokens(), r.trackers(), r.flags(),
        r.notes());
  }

  @Test
  void eachToolsNamesFollowItsDefinitions() {
    ResultRecord r = record();
    Map<String, double[]> vllm = ToolNames.VLLM.figures(r);
    assertThat(vllm.keySet()).containsExactly("TTFT", "TPOT", "ITL", "E2EL");
    assertThat(vllm.get("ITL")).containsExactly(50, 50); // per chunk: no zeros
    Map<String, double[]> aiperf = ToolNames.AIPERF.figures(r);
    assertThat(aiperf.get("ITL")).containsExactly(25); // AIPerf's ITL is InferBench's TPOT
    assertThat(aiperf.get("ICL")).containsExactly(50, 50);
    Map<String, double[]> guidellm = ToolNames.GUIDELLM.figures(r);
    int output = r.workload().output();
    assertThat(guidellm.get("TPOT")).containsExactly(200.0 / output); // the first token included
    assertThat(guidellm.get("ITL")).containsExactly(25);
  }

  @Test
  void unknownToolIsNamed() {
    assertThatThrownBy(() -> ToolNames.parse("genai")).hasMessage("--metric-names: expected vllm, aiperf or guidellm, got 'genai'");
  }
}
