package org.inferbench.engine.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.inferbench.core.BadInputException;
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
 * tokens, one per step, as llama.cpp's own memory counts the positions it decoded.
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

  /** Steps the request to its end; returns the tokens the steps reported and llama.cpp's last position. */
  static int[] run(LlamaCppModel m, int[] prompt, int output) throws Exception {
    int tokens = 0;
    Sequence s = (Sequence) m.start(new Request(new int[][] {prompt}, output, false));
    try (Generation g = s) {
      for (int k; tokens < output && (k = g.step()) > 0; ) tokens += k;
      long end = System.nanoTime() + 2_000_000_000L;
      while (s.lastPosition() == -2 && System.nanoTime() < end) Thread.sleep(1);
    }
    return new int[] {tokens, s.lastPosition()};
  }

  @Test
  void exactPromptLengthsInExactOutputCountsOut() throws Exception {
    int[][] cases = {{1, 1}, {17, 7}, {100, 32}, {128, 32}, {3, 150}};
    for (int[] c : cases) {
      int[] r = run(tiny, prompt(c[0], c[1]), c[1]);
      assertThat(r[0]).as("tokens for prompt %d", c[0]).isEqualTo(c[1]);
      assertThat(r[1]).as("llama.cpp decoded the prompt and all but the last token (chosen, not decoded)")
          .isEqualTo(c[0] + c[1] - 2);
    }
  }

  @Test
  void greedyTokensRepeatAndRequestsLeaveNothingBehind() throws Exception {
    int[] p = prompt(40, 9);
    int[] first;
    try (Generation g = tiny.start(new Request(new int[][] {p}, 20, false))) {
      while (g.step() > 0) {}
      first = g.tokens(0);
    }
    run(tiny, prompt(90, 4), 30); // another request in between: its cells must be gone before the next
    try (Generation g = tiny.start(new Request(new int[][] {p}, 20, false))) {
      while (g.step() > 0) {}
      assertThat(g.tokens(0)).as("same prompt, same greedy tokens").hasSize(20).containsExactly(first);
    }
  }

  @Test
  void promptPlusOutputBeyondTheContextIsRefusedBeforeAnyNativeCall() {
    assertThatThrownBy(() -> run(tiny, prompt(150, 0), 11)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("exceeds ctx-size 160");
    assertThatThrownBy(() -> run(tiny, new int[] {3, TinyLlamaGguf.VOCAB}, 1)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("outside the model's vocabulary");
    assertThat(tiny.effectiveSettings()).containsEntry("ctx-size", "160");
  }

  @Test
  void effectiveSettingsRecordTheBuildAndTheKvCacheLlamaCppAllocated() {
    Map<String, String> e = tiny.effectiveSettings();
    assertThat(e.get("llama-commit")).matches("[0-9a-f]{7,}");
    assertThat(e.get("llama-build")).startsWith("llama.cpp " + e.get("llama-commit"));
    assertThat(e.get("llama-lib-sha256")).matches("[0-9a-f]{16}");
    assertThat(e.get("llama-system-info")).contains("CPU");
    assertThat(e).containsEntry("llama-n-seq-max", "1");
    // llama.cpp pads a sequence's context to 256 cells: 2 layers × (K + V) × 2 kv heads × 64 × 256 × 2 B
    // = 0.25 MiB
    int cells = Integer.parseInt(e.get("llama-n-ctx"));
    assertThat(cells).isGreaterThanOrEqualTo(160);
    double formula = 2.0 * TinyLlamaGguf.LAYERS * 128 * cells * 2 / (1 << 20);
    assertThat(tiny.log().kvMib()).isCloseTo(formula, org.assertj.core.data.Offset.offset(0.006));
    assertThat(e).containsKeys("rss-anon-after-load-mb", "rss-file-after-load-mb");
  }
}
