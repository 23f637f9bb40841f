package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.inferbench.core.ModelShape;
import org.inferbench.results.Metric;
import org.junit.jupiter.api.Test;

/** Every metric of METRICS.md from given token timestamps: no clock involved, so exact. */
final class MetricSamplesTest {
  private static final long MS = 1_000_000L;

  /** Requests of one prompt length with these token offsets. */
  private static List<MeasuredRequest> at(int prompt, long[]... offsets) {
    return java.util.Arrays.stream(offsets).map(o -> new MeasuredRequest(prompt, o)).toList();
  }

  @Test
  void decoderMetricsFollowFromTheTokenOffsets() {
    // first token at 100 ms, then gaps of 10, 20 and 30 ms: four tokens in 160 ms
    long[] offsets = {100 * MS, 110 * MS, 130 * MS, 160 * MS};
    Map<Metric, double[]> m = MetricSamples.compute(ModelShape.DECODER, 2, at(50, offsets));
    assertThat(m.get(Metric.TTFT)).containsExactly(100.0);
    assertThat(m.get(Metric.E2E)).containsExactly(160.0);
    assertThat(m.get(Metric.TPOT)[0]).isCloseTo(60.0 / 3, within(1e-12));
    assertThat(m.get(Metric.ITL)).containsExactly(10.0, 20.0, 30.0);
    assertThat(m.get(Metric.PREFILL_THROUGHPUT)[0]).as("batch × prompt ÷ TTFT").isCloseTo(2 * 50 / 0.1, within(1e-9));
    assertThat(m.get(Metric.DECODE_THROUGHPUT)[0]).as("batch × (tokens − 1) ÷ decode time")
        .isCloseTo(2 * 3 / 0.06, within(1e-9));
    assertThat(m.get(Metric.OVERALL_THROUGHPUT)[0]).as("batch × tokens ÷ E2E").isCloseTo(2 * 4 / 0.16, within(1e-9));
  }

  @Test
  void oneTokenOrOneChunkHasNoDecodeMetrics() {
    Map<Metric, double[]> single = MetricSamples.compute(ModelShape.DECODER, 1, at(8, new long[] {5 * MS}));
    assertThat(single).containsKeys(Metric.TTFT, Metric.E2E).doesNotContainKeys(Metric.TPOT, Metric.ITL,
        Metric.DECODE_THROUGHPUT);
    Map<Metric, double[]> chunk = MetricSamples.compute(ModelShape.DECODER, 1, at(8, new long[] {5 * MS, 5 * MS, 5 * MS}));
    assertThat(chunk).doesNotContainKey(Metric.TPOT);
  }

  @Test
  void requestsThatEndEarlyCountTheTokensTheyProduced() {
    Map<Metric, double[]> m = MetricSamples.compute(ModelShape.DECODER, 1,
        at(4, new long[] {10 * MS, 20 * MS, 30 * MS}, new long[] {10 * MS, 40 * MS}));
    assertThat(m.get(Metric.TPOT)).containsExactly(10.0, 30.0);
    assertThat(m.get(Metric.ITL)).containsExactly(10.0, 10.0, 30.0);
    assertThat(m.get(Metric.E2E)).containsExactly(30.0, 40.0);
  }

  @Test
  void eachRequestsOwnPromptLengthGivesItsThroughputs() {
    List<MeasuredRequest> r = List.of(new MeasuredRequest(100, new long[] {50 * MS, 60 * MS}),
        new MeasuredRequest(20, new long[] {50 * MS, 60 * MS}));
    assertThat(MetricSamples.compute(ModelShape.DECODER, 1, r).get(Metric.PREFILL_THROUGHPUT))
        .containsExactly(2000.0, 400.0);
    List<MeasuredRequest> e = List.of(new MeasuredRequest(64, new long[] {10 * MS}), new MeasuredRequest(32, new long[] {10 * MS}));
    assertThat(MetricSamples.compute(ModelShape.ENCODER, 1, e).get(Metric.ENCODER_TOKENS_THROUGHPUT))
        .containsExactly(6400.0, 3200.0);
  }

  @Test
  void encoderMetricsComeFromTheForwardPass() {
    Map<Metric, double[]> m = MetricSamples.compute(ModelShape.ENCODER, 4, at(128, new long[] {50 * MS}));
    assertThat(m.get(Metric.ENCODER_LATENCY)).containsExactly(50.0);
    assertThat(m.get(Metric.ENCODER_SAMPLES_THROUGHPUT)[0]).isCloseTo(80.0, within(1e-9));
    assertThat(m.get(Metric.ENCODER_TOKENS_THROUGHPUT)[0]).isCloseTo(4 * 128 / 0.05, within(1e-6));
    assertThat(m.get(Metric.ENCODER_LATENCY_PER_TOKEN)[0]).isCloseTo(50.0 / 512, within(1e-12));
    assertThat(m).doesNotContainKey(Metric.TTFT);
  }

  @Test
  void theHeadlineOfOneRequestIsItsValueAndItlIsTheMeanGap() {
    long[] offsets = {100 * MS, 110 * MS, 130 * MS};
    assertThat(MetricSamples.headlineOf(Metric.E2E, ModelShape.DECODER, 1, new MeasuredRequest(8, offsets))).isEqualTo(130.0);
    assertThat(MetricSamples.headlineOf(Metric.ITL, ModelShape.DECODER, 1, new MeasuredRequest(8, offsets))).isEqualTo(15.0);
    assertThat(MetricSamples.headlineOf(Metric.TPOT, ModelShape.DECODER, 1, new MeasuredRequest(8, new long[] {MS}))).isNaN();
  }
}
