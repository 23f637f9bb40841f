package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.inferbench.engine.Engine;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.ModelRef;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.inferbench.workload.Prompts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** compare-engines runs both engines on the same model and prompts, interleaved, and says which is faster. */
final class CompareEnginesCommandTest {
  @TempDir Path dir;

  @Test
  void bothEnginesRunInterleavedWithTheSameThreadsAndTheTableSetsThemSideBySide() throws Exception {
    Path results = dir.resolve("r.jsonl");
    CliRun r = CliRun.of("compare-engines", "--model", "llama-tiny", "--engine", "onnx,llamacpp", "--weights",
        "fp32:F32", "--prompt", "16", "--output", "8", "--warmup", "1", "--runs", "3", "--threads", "1",
        "--results", results.toString(), "--wide"); // the box table, whatever its width

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Engine comparisons").contains("onnx (fp32)").contains("llamacpp (F32)");
    assertThat(r.out().lines().filter(l -> l.contains("onnx (fp32)") && l.contains("llamacpp (F32)")))
        .as("A is the first engine given; one row per metric").hasSize(4)
        .allMatch(l -> l.contains("│ yes "));
    List<ResultRecord> records = ResultStore.read(List.of(results)).records();
    assertThat(records).hasSize(2).allMatch(ResultRecord::ok);
    for (ResultRecord rec : records) {
      assertThat(rec.workload().order()).isEqualTo("interleaved");
      assertThat(rec.workload().settingByRole("threads")).isEqualTo("1");
      assertThat(rec.workload().prompt()).isEqualTo(16);
    }
    assertThat(records.stream().filter(x -> x.workload().engine().equals("onnx")).findFirst().orElseThrow()
        .workload().engineSettings()).as("ONNX Runtime's settings for taking turns")
        .containsEntry("allow-spinning", "false");
  }

  @Test
  void withoutWeightsEachEngineGetsTheTypeOfTheOthersBytesPerWeight() throws Exception {
    Engine onnx = EngineRegistry.get("onnx");
    Engine llama = EngineRegistry.get("llamacpp");
    ModelRef model = ModelRef.of("llama-tiny");
    assertThat(WeightPairs.nearest(onnx, llama, model)).isEqualTo(new WeightPairs("fp32", "F32"));
    assertThat(WeightPairs.nearest(llama, onnx, model)).isEqualTo(new WeightPairs("F16", "fp16"));
  }

  /** The harness draws a request's prompt from the vocabulary size and special tokens each engine reports. */
  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "smollm2-135m", "llama-3.2-1b", "llama-tiny"})
  void bothEnginesDescribeThePresetSoTheirPromptsAreTheSameTokenIds(String preset) throws Exception {
    ModelInfo onnx = describe("onnx", preset);
    ModelInfo llama = describe("llamacpp", preset);
    assertThat(llama.vocabSize()).isEqualTo(onnx.vocabSize());
    int[] a = onnx.specialTokens().clone();
    int[] b = llama.specialTokens().clone();
    Arrays.sort(a);
    Arrays.sort(b);
    assertThat(b).isEqualTo(a);
    assertThat(Prompts.random(42, 1, 128, llama.vocabSize(), llama.specialTokens()))
        .isDeepEqualTo(Prompts.random(42, 1, 128, onnx.vocabSize(), onnx.specialTokens()));
  }

  @Test
  void oneEngineOrAMalformedPairIsBadInput() {
    CliRun one = CliRun.of("compare-engines", "--model", "llama-tiny", "--engine", "onnx");
    assertThat(one.code()).isEqualTo(2);
    assertThat(one.err().strip()).startsWith("inferbench: --engine: compare-engines takes two different engines")
        .doesNotContain("\n");
    CliRun pair = CliRun.of("compare-engines", "--model", "llama-tiny", "--weights", "fp32");
    assertThat(pair.code()).isEqualTo(2);
    assertThat(pair.err().strip()).contains("--weights: expected A:B").doesNotContain("\n");
  }

  private static ModelInfo describe(String engine, String preset) throws Exception {
    Engine e = EngineRegistry.get(engine);
    return e.describe(ModelRef.of(preset), EngineSettings.resolve(engine, e.settings(), java.util.Map.of()));
  }
}
