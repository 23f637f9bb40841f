package org.inferbench.engine.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KV-cache formula of the model's facts (2 × layers × kv_heads × head_dim × bytes per element, per token) times
 * the context equals what llama.cpp logs it allocated ("llama_kv_cache: size = "), for an f16 and a q8_0 cache.
 */
final class LlamaCppKvCacheTest {
  @TempDir Path dir;

  @Test
  void formulaMatchesLlamaCppsAllocationForTwoCacheTypes() throws Exception {
    Path f = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), TinyLlamaGguf.F16, 5);
    LlamaCppEngine engine = new LlamaCppEngine();
    // 512 is a multiple of llama.cpp's cache padding (32 cells, 256 with flash attention), so nothing is rounded up
    int context = 512;
    for (String type : new String[] {"f16", "q8_0"}) {
      EngineSettings s = EngineSettings.resolve("llamacpp", engine.settings(), Map.of("threads", "1", "ctx-size",
          Integer.toString(context), "cache-type-k", type, "cache-type-v", type, "flash-attn", "on"));
      double formulaMib = engine.describe(ModelRef.of(f.toString()), s).facts().kvBytesPerToken() * context
          / (1 << 20);
      try (LoadedModel m = engine.load(ModelRef.of(f.toString()), s)) {
        String logged = m.effectiveSettings().get("kv-cache-size");
        assertThat(logged).as(type).contains("K (" + type + ")");
        double mib = Double.parseDouble(logged.substring(0, logged.indexOf(' ')));
        // llama.cpp prints two decimals
        assertThat(mib).as(type + ": " + logged).isCloseTo(formulaMib, within(0.006));
        // and the record shows the formula's figure beside llama.cpp's
        assertThat(m.effectiveSettings().get("kv-cache-formula"))
            .startsWith(String.format(java.util.Locale.ROOT, "%.2f MiB (%d tokens)", formulaMib, context));
      }
    }
  }
}
