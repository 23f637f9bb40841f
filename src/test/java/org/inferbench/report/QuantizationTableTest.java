package org.inferbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.WorkloadRecord;
import org.junit.jupiter.api.Test;

/**
 * Configurations that differ only in their weight type are set beside the F16 arm of the same workload, with the
 * decode speedup of each (quantized over F16) and its interval; other weight-type pairs are not compared.
 */
final class QuantizationTableTest {
  /** A decoder whose decode step costs {@code stepMs}, recorded as weight type {@code type}. */
  private static ResultRecord arm(String type, double stepMs, int prompt) {
    Fixtures.Spec d = Fixtures.decoder("llama");
    Fixtures.Spec s = new Fixtures.Spec(d.model(), d.shape(), d.batch(), prompt, d.output(), null, d.machine(),
        d.timestamp(), d.runId(), d.seed() + type.hashCode() + prompt, d.a(), d.b(), stepMs, d.kvOffFactor(),
        d.jitter(), d.loadedMb(), d.mbPerToken());
    ResultRecord r = Fixtures.record(s);
    WorkloadRecord w = r.workload();
    Map<String, String> settings = new TreeMap<>(w.engineSettings());
    settings.put("dtype", type);
    WorkloadRecord typed = new WorkloadRecord(w.model(), w.modelConfigHash(), w.modelOptions(), type, "llamacpp",
        settings, w.shape(), w.batch(), w.prompt(), w.output(), w.promptSource(), w.includeTokenization(), w.warmup(),
        w.runs(), w.targetCi(), w.minRuns(), w.maxRuns(), w.maxTimeS(), w.headline(), w.seed(), w.order(),
        w.isolate(), Map.of("weight_type", "dtype"), null, null, null);
    return new ResultRecord(r.schemaVersion(), r.configKey() + type, r.envFingerprint(), r.runId(), r.timestamp(),
        r.status(), r.reason(), typed, r.environment(), r.metrics(), r.samples(), r.requestTokens(), r.trackers(),
        r.flags(), r.notes());
  }

  @Test
  void eachWeightTypeIsComparedWithTheF16ArmOfItsWorkload() {
    ResultSet set = new ResultSet(List.of(arm("F16", 4.0, 128), arm("Q8_0", 2.0, 128), arm("Q4_K_M", 1.0, 128),
        arm("F16", 4.0, 512), arm("Q4_K_M", 1.0, 512)));
    List<QuantizationTable.Row> rows = QuantizationTable.rows(set);
    assertThat(rows).hasSize(5);
    assertThat(rows).allSatisfy(r -> assertThat(QuantizationTable.weightType(r.base())).isEqualTo("F16"));
    assertThat(rows).allSatisfy(r -> assertThat(r.arm().workload().prompt()).isEqualTo(r.base().workload().prompt()));
    QuantizationTable.Row q8 = rows.stream().filter(r -> QuantizationTable.weightType(r.arm()).equals("Q8_0"))
        .findFirst().orElseThrow();
    // a step costing half as long decodes about twice as fast; the interval holds the estimate
    assertThat(q8.speedup()).isCloseTo(2.0, within(0.2));
    assertThat(q8.low()).isLessThanOrEqualTo(q8.speedup());
    assertThat(q8.high()).isGreaterThanOrEqualTo(q8.speedup());
    ReportTable t = QuantizationTable.of(rows, set);
    assertThat(t.rows()).hasSize(5);
    assertThat(t.rows()).extracting(r -> r.get(2).text()).containsOnly("F16", "Q8_0", "Q4_K_M");
    assertThat(Plots.quantization(rows)).isNotNull();
  }

  @Test
  void withoutABaseArmNothingIsCompared() {
    ResultSet set = new ResultSet(List.of(arm("Q8_0", 2.0, 128), arm("Q4_K_M", 1.0, 128)));
    assertThat(QuantizationTable.rows(set)).isEmpty();
    assertThat(QuantizationTable.of(List.of(), set).notes()).anyMatch(n -> n.startsWith("no quantization"));
  }
}
