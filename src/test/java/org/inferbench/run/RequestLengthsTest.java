package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.inferbench.InferBench;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.LengthDist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each request of a run one at a time asks for its own lengths, drawn from the seed and its number or read from a
 * request file: the calibration engine spends each one's prefill (so its TTFT is at least that), produces each one's
 * output, and the record keeps every request's tokens, which the per-request metrics use. The same seed draws the
 * same lengths in this JVM and in a worker process; the distribution is keyed, fixed lengths keep the old key.
 */
final class RequestLengthsTest {
  private static final int RUNS = 30;

  @TempDir
  Path dir;

  private static InferBench calibration() {
    return InferBench.workload().model("m").engine("calibration").engineOpt("prefill-us-per-token", "50")
        .engineOpt("step-us", "100").warmup(1).runs(RUNS).seed(7);
  }

  @Test
  void drawnLengthsReachTheEngineAndTheRecord() throws Exception {
    ResultRecord r = calibration().prompt(64).output(8).lengthDist("uniform:0.5").run().get(0);
    assertThat(r.ok()).isTrue();
    assertThat(r.workload().lengthDist()).isEqualTo("uniform:0.5");
    assertThat(r.workload().prompt()).isEqualTo(64); // the nominal length stays the configuration's
    // measured request k asks for what number k draws from the seed
    LengthDist d = new LengthDist(LengthDist.Kind.UNIFORM, 0.5);
    List<Integer> prompts = new ArrayList<>();
    List<Integer> outputs = new ArrayList<>();
    for (int k = 0; k < RUNS; k++) {
      var g = LengthDist.forRequest(7, k);
      prompts.add(d.draw(64, g));
      outputs.add(d.draw(8, g));
    }
    assertThat(r.requestTokens().prompt()).isEqualTo(prompts).allMatch(p -> p >= 32 && p <= 96);
    assertThat(r.requestTokens().output()).isEqualTo(outputs);
    assertThat(prompts.stream().distinct().count()).isGreaterThan(10);
    // prompts from 32 to 96 tokens spread E2E by design: that is not noise
    assertThat(r.flags()).doesNotContain("noisy");
    assertThat(r.notes()).anyMatch(n -> n.startsWith("lengths vary (uniform:0.5)"));
    double[] ttft = r.samples(Metric.TTFT);
    double[] e2e = r.samples(Metric.E2E);
    double[] prefill = r.samples(Metric.PREFILL_THROUGHPUT);
    double[] overall = r.samples(Metric.OVERALL_THROUGHPUT);
    for (int k = 0; k < RUNS; k++) {
      // the engine busy-waits 50 µs per prompt token before the first token: it got this request's prompt
      assertThat(ttft[k]).isGreaterThanOrEqualTo(0.05 * prompts.get(k));
      assertThat(prefill[k]).isCloseTo(prompts.get(k) / (ttft[k] / 1000), within(1e-6 * prefill[k]));
      assertThat(overall[k]).isCloseTo(outputs.get(k) / (e2e[k] / 1000), within(1e-6 * overall[k]));
    }
    // the same seed draws the same lengths in a worker process; fixed lengths keep the key they had
    ResultRecord again = calibration().prompt(64).output(8).lengthDist("uniform:0.5").isolate(Isolation.PROCESS).run()
        .get(0);
    assertThat(again.requestTokens()).isEqualTo(r.requestTokens());
    assertThat(again.configKey()).isEqualTo(r.configKey());
    ResultRecord fixed = calibration().prompt(64).output(8).runs(2).run().get(0);
    ResultRecord fixedByName = calibration().prompt(64).output(8).runs(2).lengthDist("fixed").run().get(0);
    assertThat(fixed.requestTokens()).isNull();
    assertThat(fixed.configKey()).isEqualTo(fixedByName.configKey()).isNotEqualTo(r.configKey());
    assertThat(fixed.workload().lengthDist()).isNull();
  }

  @Test
  void aRequestFileIsReplayedInOrderCycling() throws Exception {
    Path f = dir.resolve("recorded.jsonl");
    Files.writeString(f, "{\"prompt_tokens\": 20, \"output_tokens\": 3}\n{\"prompt_len\": 120, \"max_tokens\": 6}\n"
        + "{\"prompt_tokens\": 60, \"output_tokens\": 2}\n");
    ResultRecord r = calibration().requestFile(f).runs(7).run().get(0);
    assertThat(r.ok()).isTrue();
    assertThat(r.requestTokens().prompt()).containsExactly(20, 120, 60, 20, 120, 60, 20);
    assertThat(r.requestTokens().output()).containsExactly(3, 6, 2, 3, 6, 2, 3);
    assertThat(r.workload().requestFile().name()).isEqualTo("recorded.jsonl");
    assertThat(r.workload().requestFile().requests()).isEqualTo(3);
    assertThat(r.workload().prompt()).isEqualTo(67); // the file's mean, the nominal length
    assertThat(r.samples(Metric.TTFT)[1]).isGreaterThanOrEqualTo(0.05 * 120);
    // TPOT over each request's own tokens (every one produced at least 2)
    double[] ttft = r.samples(Metric.TTFT);
    double[] e2e = r.samples(Metric.E2E);
    double[] tpot = r.samples(Metric.TPOT);
    for (int k = 0; k < 7; k++) {
      int out = r.requestTokens().output().get(k);
      assertThat(tpot[k]).isCloseTo((e2e[k] - ttft[k]) / (out - 1), within(1e-9));
    }
  }
}
