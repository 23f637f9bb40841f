package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text prompts go through the model's tokenizer to the exact length; tokenization can be timed inside TTFT. */
final class PromptTextTest {
  @TempDir
  Path dir;

  @Test
  void textPromptsOnARealEngine() throws Exception {
    Path results = dir.resolve("r.jsonl");
    Path prompts = dir.resolve("prompts.txt");
    Files.writeString(prompts, "the quick brown fox\n\njumps over the lazy dog\n");
    String[] tiny = {"--engine", "onnx", "--model", "gpt2", "--model-opt", "n_layer=2", "--model-opt", "n_embd=64",
        "--model-opt", "n_head=4", "--isolate", "none", "--warmup", "1", "--runs", "3", "--output", "4",
        "--prompt", "24", "--batch", "2", "--results", results.toString()};
    CliRun text = CliRun.of(concat(tiny, "--prompt-text", "hello world", "--include-tokenization"));
    assertThat(text.code()).as(text.err()).isZero();
    CliRun file = CliRun.of(concat(tiny, "--prompt-file", prompts.toString()));
    assertThat(file.code()).as(file.err()).isZero();
    var records = ResultStore.read(results).records();
    assertThat(records).hasSize(2).allMatch(ResultRecord::ok);
    assertThat(records.get(0).workload().promptSource()).startsWith("text:");
    assertThat(records.get(0).workload().includeTokenization()).isTrue();
    assertThat(records.get(1).workload().promptSource()).isEqualTo("file:prompts.txt");
    assertThat(records.get(0).configKey()).isNotEqualTo(records.get(1).configKey());
    assertThat(records.get(1).stats(Metric.TTFT).count()).isEqualTo(3);

    CliRun both = CliRun.of(concat(tiny, "--prompt-text", "a", "--prompt-file", prompts.toString()));
    assertThat(both.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(both.err()).contains("give either --prompt-text or --prompt-file");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length + 1];
    out[0] = "run";
    System.arraycopy(a, 0, out, 1, a.length);
    System.arraycopy(b, 0, out, 1 + a.length, b.length);
    return out;
  }
}
