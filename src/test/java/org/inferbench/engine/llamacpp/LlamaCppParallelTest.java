package org.inferbench.engine.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.inferbench.engine.Generation;
import org.inferbench.engine.ModelRef;
import org.inferbench.engine.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parallel=N} gives llama.cpp N sequences of ctx-size tokens each, and two requests started on two threads
 * decode side by side; with one slot the second waits for the first to end. Order of production, not timing.
 */
final class LlamaCppParallelTest {
  @TempDir static Path dir;
  static final int TOKENS = 24;

  static LlamaCppModel load(int parallel) throws Exception {
    Path f = TinyLlamaGguf.write(dir.resolve("tiny-" + parallel + ".gguf"), TinyLlamaGguf.F16, 7);
    return (LlamaCppModel) LlamaCppGenerationTest.engine.load(ModelRef.of(f.toString()),
        LlamaCppGenerationTest.settings(parallel == 1 ? Map.of("threads", "1", "ctx-size", "160")
            : Map.of("threads", "1", "ctx-size", "160", "parallel", "" + parallel)));
  }

  /** Each request's step times, both started at once on threads of their own. */
  static List<List<Long>> twoAtOnce(LlamaCppModel m) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CompletableFuture<Void> go = new CompletableFuture<>();
      List<Future<List<Long>>> runs = new ArrayList<>();
      for (int salt = 1; salt <= 2; salt++) {
        int[] prompt = LlamaCppGenerationTest.prompt(20, salt);
        runs.add(pool.submit(() -> {
          go.join();
          List<Long> times = new ArrayList<>();
          try (Generation g = m.start(new Request(new int[][] {prompt}, TOKENS, false))) {
            while (times.size() < TOKENS && g.step() > 0) times.add(System.nanoTime());
          }
          return times;
        }));
      }
      go.complete(null);
      List<List<Long>> out = new ArrayList<>();
      for (Future<List<Long>> r : runs) out.add(r.get(60, TimeUnit.SECONDS));
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoSlotsDecodeTwoRequestsSideBySide() throws Exception {
    try (LlamaCppModel m = load(2)) {
      assertThat(m.effectiveSettings()).as("llama.cpp made a context of two sequences")
          .containsEntry("llama-n-seq-max", "2");
      assertThat(Integer.parseInt(m.effectiveSettings().get("llama-n-ctx-seq"))).isGreaterThanOrEqualTo(160);
      assertThat(m.concurrentGenerations()).isEqualTo(2);
      assertThat(m.effectiveSettings().get("parallel")).startsWith("2 sequences").contains("n_ctx 320");
      List<List<Long>> t = twoAtOnce(m);
      assertThat(t).allSatisfy(times -> assertThat(times).hasSize(TOKENS));
      long firstEnds = Math.min(t.get(0).get(TOKENS - 1), t.get(1).get(TOKENS - 1));
      long laterStarts = Math.max(t.get(0).get(0), t.get(1).get(0));
      assertThat(laterStarts).as("the later request's first token came before the other's last").isLessThan(firstEnds);
    }
  }

  /** Engine settings are keyed with their defaults: parallel has none, so records from before it keep their keys. */
  @Test
  void parallelIsInTheSettingsOnlyWhenGiven() {
    assertThat(LlamaCppGenerationTest.settings(Map.of()).values()).doesNotContainKey("parallel");
    assertThat(LlamaCppGenerationTest.settings(Map.of("parallel", "2")).values()).containsEntry("parallel", "2");
  }

  @Test
  void oneSlotMakesTheSecondRequestWait() throws Exception {
    try (LlamaCppModel m = load(1)) {
      assertThat(m.concurrentGenerations()).isEqualTo(1);
      List<List<Long>> t = twoAtOnce(m);
      assertThat(t).allSatisfy(times -> assertThat(times).hasSize(TOKENS));
      long firstEnds = Math.min(t.get(0).get(TOKENS - 1), t.get(1).get(TOKENS - 1));
      long laterStarts = Math.max(t.get(0).get(0), t.get(1).get(0));
      assertThat(laterStarts).as("one slot: the later request starts after the other ends").isGreaterThan(firstEnds);
    }
  }
}
