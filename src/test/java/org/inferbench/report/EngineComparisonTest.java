package org.inferbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.TrackerResults;
import org.inferbench.results.WorkloadRecord;
import org.junit.jupiter.api.Test;

/**
 * The same model on two engines: each weight type beside the other engine's of the nearest bytes per weight, like
 * for like only where the bytes agree, and "faster" only where the interval excludes 1.
 */
final class EngineComparisonTest {
  /** A decoder record of the fixtures, run by {@code engine} with weights of the given cost. */
  private static ResultRecord arm(String engine, String dtype, double bytesPerWeight, double stepGb, double stepMs,
      double jitter) {
    Fixtures.Spec base = Fixtures.decoder("llama");
    Fixtures.Spec s = new Fixtures.Spec(base.model(), base.shape(), base.batch(), base.prompt(), base.output(), null,
        base.machine(), base.timestamp(), base.runId(), (engine + dtype).hashCode(), base.a(), base.b(), stepMs,
        base.kvOffFactor(), jitter, base.loadedMb(), base.mbPerToken());
    ResultRecord r = Fixtures.record(s);
    WorkloadRecord w = r.workload();
    WorkloadRecord moved = new WorkloadRecord(w.model(), w.modelConfigHash(), w.modelOptions(), dtype, engine,
        Map.of("dtype", dtype), w.shape(), w.batch(), w.prompt(), w.output(), w.promptSource(),
        w.includeTokenization(), w.warmup(), w.runs(), w.targetCi(), w.minRuns(), w.maxRuns(), w.maxTimeS(),
        w.headline(), w.seed(), w.order(), w.isolate(), Map.of("weight_type", "dtype"), null, null, null);
    TrackerResults t = r.trackers();
    Map<String, Object> extra = new LinkedHashMap<>(t.extra() == null ? Map.of() : t.extra());
    extra.put(RooflineTable.KEY, Map.of("weights", Map.of("label", dtype, "matmul_bytes_per_weight", bytesPerWeight),
        "decode", Map.of("work", stepGb * 1e9)));
    TrackerResults tracked = new TrackerResults(t.peakRssMb(), t.rssAfterLoadMb(), t.memoryMethod(), t.heapUsedMb(),
        t.heapMaxMb(), t.modelLoadMs(), t.sessionCreateMs(), t.coldTtftMs(), t.coldLatencyMs(), t.gcCount(),
        t.gcPauseMs(), t.jitCompileMs(), extra, t.notes());
    return new ResultRecord(r.schemaVersion(), r.configKey() + engine + dtype, r.envFingerprint(), r.runId(),
        r.timestamp(), r.status(), r.reason(), moved, r.environment(), r.metrics(), r.samples(), r.requestTokens(),
        tracked, r.flags(), r.notes());
  }

  @Test
  void eachWeightTypeMeetsTheOtherEnginesNearestInBytesAndTheFasterIsNamed() {
    List<ResultRecord> records = List.of(
        arm("onnx", "fp32", 4.0, 4.9, 300, 0.01), arm("onnx", "int8", 1.0, 2.0, 120, 0.01),
        arm("llamacpp", "Q8_0", 1.0625, 1.3, 100, 0.01), arm("llamacpp", "F32", 4.0, 4.9, 300, 0.01));
    List<EngineComparison.Pair> pairs = EngineComparison.pairs(new ResultSet(records), List.of("onnx", "llamacpp"));
    assertThat(pairs).hasSize(2);
    EngineComparison.Pair floats = pairs.get(0);
    assertThat(floats.a().workload().dtype()).isEqualTo("fp32");
    assertThat(floats.b().workload().dtype()).isEqualTo("F32");
    assertThat(floats.likeForLike()).isTrue();
    EngineComparison.Pair eightBit = pairs.get(1);
    assertThat(eightBit.b().workload().dtype()).isEqualTo("Q8_0");
    assertThat(eightBit.likeForLike()).as("int8 reads 2.0 GB per step, Q8_0 1.3").isFalse();
    assertThat(eightBit.difference()).contains("2.00 vs 1.30 GB").doesNotContain("bytes/weight");

    ReportTable t = EngineComparison.table(pairs);
    List<List<Cell>> tpot = t.rows().stream().filter(r -> r.get(6).text().startsWith("tpot")).toList();
    assertThat(tpot).hasSize(2);
    assertThat(tpot.get(0).get(10).text()).as("equal step costs").isEqualTo("no significant difference");
    assertThat(tpot.get(1).get(10).text()).as("Q8_0 steps take 100 ms, int8 120").isEqualTo("llamacpp");
  }

  @Test
  void theReportOrdersEnginesAlphabeticallyAndSaysWhenNothingPairs() {
    List<ResultRecord> records = List.of(arm("onnx", "fp32", 4.0, 4.9, 300, 0.01),
        arm("llamacpp", "F32", 4.0, 4.9, 300, 0.01));
    List<EngineComparison.Pair> pairs = EngineComparison.pairs(new ResultSet(records));
    assertThat(pairs).singleElement().satisfies(p -> assertThat(p.a().workload().engine()).isEqualTo("llamacpp"));
    ReportTable empty = EngineComparison.table(EngineComparison.pairs(new ResultSet(records.subList(0, 1))));
    assertThat(empty.rows()).isEmpty();
    assertThat(empty.notes()).anyMatch(n -> n.startsWith("no engine comparison"));
  }
}
