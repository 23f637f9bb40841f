package org.inferbench.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.inferbench.model.HfConfig;
import org.inferbench.model.ModelFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each 2026 family's tiny instance, written by InferBench, loads and runs in today's llama.cpp (its own llama-bench,
 * found through {@code inferbench.llama.bin}): at F16, at Q4_K_M (K-quants, per-tensor mixture) and, for gpt-oss, at
 * MXFP4_MOE (MXFP4 experts). llama-bench reports each file's parameter count, which must equal the config's.
 */
final class DecoderFamiliesLlamaCppTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void everyFamilyLoadsAndRunsInLlamaBench() throws Exception {
    LlamaCppTools.bin();
    for (Map.Entry<String, HfConfig> e : TinyDecoders.all().entrySet()) {
      HfConfig c = e.getValue();
      for (String dtype : c.experts().present() && e.getKey().startsWith("gpt-oss")
          ? new String[] {"F32", "MXFP4_MOE"} : new String[] {"F32", "Q4_K_M"}) {
        Path file = new GgufFormat().write(c, dir.resolve(e.getKey() + "-" + dtype),
            new ModelFormat.Synthesis(dtype, null, 7)).get(0);
        // quantized files decode only: on a CPU with AMX, today's ggml multiplies a prompt's K-quant rows in its
        // AMX kernels, which crash on these small matrices (SIGSEGV in ggml_backend_amx_mul_mat; docs/models-2026.md)
        String prompt = dtype.startsWith("F") ? "16" : "0";
        LlamaCppTools.Result r = LlamaCppTools.run(120, "llama-bench", "-m", file.toString(), "-p", prompt, "-n", "4",
            "-t", "2", "-r", "1", "-o", "json");
        assertThat(r.exit()).as(e.getKey() + " " + dtype + ":\n" + r.output()).isZero();
        JsonNode row = JSON.readTree(r.output().substring(r.output().indexOf('['))).get(0);
        assertThat(row.path("model_n_params").asLong()).as(e.getKey() + " " + dtype)
            .isEqualTo(c.parameterCount());
        assertThat(row.path("avg_ts").asDouble()).as(e.getKey() + " " + dtype).isPositive();
      }
    }
  }
}
