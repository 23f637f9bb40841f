package org.inferbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.inferbench.InferBench;
import org.inferbench.results.ResultRecord;
import org.inferbench.testing.TimingRetry;
import org.inferbench.workload.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The findings against a known truth, on the real calibration engine: the model whose prefill cost is quadratic in
 * prompt length is named as scaling worst and called quadratic, the linear one is called linear, two labels with
 * the same costs are found not significantly different, and of two decode costs the cheaper is named faster.
 */
@Tag("timing")
final class FindingsCalibrationTest {
  private static final Integer[] PROMPTS = {32, 64, 128, 256, 512};

  private static List<ResultRecord> sweep(String costPerToken, String costPerToken2, String... models)
      throws Exception {
    return InferBench.workload().model(models).engine("calibration")
        .engineOpt("prefill-us-per-token", costPerToken).engineOpt("prefill-us-per-token2", costPerToken2)
        .engineOpt("step-us", "1000").engineOpt("jitter", "0.02")
        .prompt(PROMPTS).output(2).warmup(1).runs(10).order(Order.INTERLEAVED)
        .run();
  }

  @Test
  void namesTheQuadraticModelWorstAndTheEqualPairNotDifferent() throws Exception {
    TimingRetry.retry("namesTheQuadraticModelWorstAndTheEqualPairNotDifferent", () -> {
      List<ResultRecord> records = new ArrayList<>();
      // 512 tokens: 1 ms linear + 13 ms quadratic
      records.addAll(sweep("2", "0.05", "quad"));
      // 512 tokens: 10 ms, a straight line
      records.addAll(sweep("20", "0", "lin"));
      // the same costs under two labels, measured in turn so a drifting machine touches both alike
      records.addAll(sweep("8", "0", "same-a", "same-b"));
      Findings f = Report.analyse(records, List.of(), "Which model scales worst?", false).findings();
      System.out.println(String.join("\n", f.all()));

      assertThat(f.scaling()).noneMatch(s -> s.contains("not summarised"));
      assertThat(f.scaling().get(0)).startsWith("quad ").contains("scales worst", "e2e", "quadratic", "95 % CI");
      // the linear model is either the least-scaling one or among those in between, and linear either way
      String lin = f.scaling().stream().filter(s -> s.contains("lin ")).findFirst().orElseThrow();
      assertThat(lin).containsPattern("lin [^;]*(× linear|, linear\\.)").doesNotContain("quadratic");
      // same-a against same-b at each prompt length: the only pairs that differ in one parameter, said in one line
      assertThat(f.ab()).containsExactly("A/B comparisons on e2e (Holm-corrected, α 0.05; differences under 5 % are"
          + " not led with): " + PROMPTS.length + " pairs differing in model, none significantly different.");
    });
  }

  @Test
  void namesTheFasterArmOfASettingThatChangesTheCost() throws Exception {
    TimingRetry.retry("namesTheFasterArmOfASettingThatChangesTheCost", () -> {
      List<ResultRecord> records = InferBench.workload().model("s").engine("calibration")
          .engineOpt("prefill-us-per-token", "10").engineOpt("step-us", "500", "2500").engineOpt("jitter", "0.02")
          .prompt(32).output(3).warmup(1).runs(10).order(Order.INTERLEAVED).run();
      Findings f = Report.analyse(records, List.of(), null, false).findings();
      System.out.println(String.join("\n", f.all()));

      // e2e: 0.32 ms + 2 steps of 0.5 ms against 2 of 2.5 ms, about 4×
      assertThat(f.ab()).hasSize(1);
      String sentence = f.ab().get(0);
      // only what tells the arms apart: the model they share, then the setting's two values
      assertThat(sentence).startsWith("s: step-us=500 answers ").contains("× faster than step-us=2500 [", "p_holm = ")
          .doesNotContain("calibration", "jitter");
      // a busy machine stretches single requests, so the ratio is held loosely; its interval must exclude 1
      double ratio = Double.parseDouble(sentence.replaceAll(".* answers ([0-9.]+)× faster.*", "$1"));
      double low = Double.parseDouble(sentence.replaceAll(".*step-us=2500 \\[([0-9.]+), .*", "$1"));
      assertThat(ratio).isBetween(2.5, 6.0);
      assertThat(low).isGreaterThan(1.0);
    });
  }
}
