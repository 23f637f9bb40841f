package org.inferbench.engine.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.RawCompletions;
import java.nio.file.Path;
import java.util.Map;
import org.inferbench.engine.BadInputException;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.Generation;
import org.inferbench.engine.ModelRef;
import org.inferbench.engine.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token-id prompts reach llama.cpp at exactly their length and every request yields exactly the asked number of
 * tokens, one per step, as llama.cpp's own log counts them.
 */
final class LlamaCppGenerationTest {
  @TempDir static Path dir;
  static LlamaCppEngine engine = new LlamaCppEngine();
  static LlamaCppModel tiny;

  static EngineSettings settings(Map<String, String> opts) {
    return EngineSettings.resolve("llamacpp", engine.settings(), opts);
  }

  @BeforeAll
  static void load() throws Exception {
    tiny = loadTiny();
  }

  /**
   * llama.cpp's logger is one per process and writes to the --log-file of the model loaded last, so a test that
   * reads the log loads its own model first.
   */
  static LlamaCppModel loadTiny() throws Exception {
    Path f = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), TinyLlamaGguf.F16, 7);
    return (LlamaCppModel) engine.load(ModelRef.of(f.toString()), settings(Map.of("threads", "1", "ctx-size", "160")));
  }

  @AfterAll
  static void close() {
    if (tiny != null) tiny.close();
  }

  static int[] prompt(int length, int salt) {
    int[] p = new int[length];
    for (int i = 0; i < length; i++) p[i] = TinyLlamaGguf.BYTE0 + (i * 31 + salt) % 290;
    return p;
  }

  /** Steps the request to its end; returns the tokens the steps reported. */
  static int run(LlamaCppModel m, int[] prompt, int output) throws Exception {
    int tokens = 0;
    try (Generation g = m.start(new Request(new int[][] {prompt}, output, false))) {
      for (int k; tokens < output && (k = g.step()) > 0; ) tokens += k;
    }
    return tokens;
  }

  @Test
  void exactPromptLengthsInExactOutputCountsOut() throws Exception {
    int[][] cases = {{1, 1}, {17, 7}, {100, 32}, {128, 32}};
    try (LlamaCppModel m = loadTiny()) {
      for (int[] c : cases) {
        assertThat(run(m, prompt(c[0], c[1]), c[1])).as("tokens for prompt %d", c[0]).isEqualTo(c[1]);
        String log = String.join("\n", m.log().awaitLine("stop processing: n_past = " + (c[0] + c[1] - 1), 2000)
            .lines());
        assertThat(log).as("llama.cpp saw the prompt's exact length")
            .contains("n_prompt_tokens = " + c[0] + "\n")
            .as("and generated exactly the tokens asked (the last one is sampled, not decoded)")
            .contains("stop processing: n_past = " + (c[0] + c[1] - 1) + ", truncated = 0");
      }
    }
  }

  @Test
  void heldBackTokensWouldMergeResultsSoTheEngineBansThem() throws Exception {
    int output = 48;
    int[] p = prompt(24, 5);
    Path lead = TinyLlamaGguf.writeLeadBytesFavoured(dir.resolve("lead.gguf"), 3);
    ModelRef ref = ModelRef.of(lead.toString());
    try (LlamaCppModel m = (LlamaCppModel) engine.load(ref, settings(Map.of("threads", "1")))) {
      LlamaModel raw = m.nativeModel();
      int task = RawCompletions.request(raw, CompletionRequest.json(p, output, false, new int[0]));
      int results = 0;
      while (!RawCompletions.last(RawCompletions.next(raw, task))) results++;
      assertThat(results).as("without the ban llama-server streams fewer results than tokens").isLessThan(output);
      assertThat(run(m, p, output)).isEqualTo(output);
    }
  }

  @Test
  void promptPlusOutputBeyondTheContextIsRefusedBeforeAnyNativeCall() {
    assertThatThrownBy(() -> run(tiny, prompt(150, 0), 11)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("exceeds ctx-size 160");
    assertThat(tiny.effectiveSettings()).containsEntry("ctx-size", "160");
  }

  @Test
  void effectiveSettingsRecordTheBindingTheBuildAndTheKvCacheLlamaCppAllocated() {
    Map<String, String> e = tiny.effectiveSettings();
    assertThat(e).containsEntry("binding", "de.kherud:llama 4.2.0").containsEntry("llama-n-ctx", "160");
    assertThat(e.get("llama-build")).startsWith("4916 (c6af2161)");
    assertThat(e.get("llama-system-info")).contains("OPENMP = 1");
    // 2 × layers × kv_heads × head_dim × ctx × 2 bytes = 2 × 2 × 128 × 160 × 2 B = 0.16 MiB (printed to 2 decimals)
    assertThat(e.get("kv-self-size")).startsWith("0.16 MiB, K (f16): 0.08 MiB, V (f16): 0.08 MiB");
    assertThat(tiny.log().kvSelfMib()).isEqualTo(0.16);
    assertThat(e).containsKeys("rss-anon-after-load-mb", "rss-file-after-load-mb");
  }
}
