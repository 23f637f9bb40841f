package org.inferbench.engine.llamacpp;

import java.util.List;
import org.inferbench.engine.BadInputException;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.SettingRole;
import org.inferbench.engine.SettingSpec;
import org.inferbench.model.gguf.GgufFileType;

/**
 * The llamacpp engine's settings, checked once. Each is one llama-server flag of llama.cpp b4916 (common/arg.cpp),
 * so any of them can be swept with {@code --engine-opt}; defaults are llama.cpp's own unless said otherwise.
 *
 * @param dtype the GGUF file type expected, as llama.cpp names it (F16, Q4_K_M, ...)
 * @param threads --threads; 0: llama.cpp's default (one per physical core)
 * @param threadsBatch --threads-batch; 0: same as threads
 * @param ctxSize --ctx-size; 0: see {@link #contextFor}
 * @param parallel --parallel: slots decoding at once, each with a context of its own
 * @param weightsSeed the seed of a preset's random weights
 */
record LlamaCppSettings(String dtype, int threads, int threadsBatch, int ctxSize, int batchSize, int ubatchSize,
    boolean flashAttn, KvCacheType cacheK, KvCacheType cacheV, boolean mmap, int poll, long weightsSeed, int parallel) {

  /** llama-server's default --ctx-size (common.h n_ctx), used for ctx-size=0 while the harness cannot say more. */
  static final int SERVER_DEFAULT_CONTEXT = 4096;

  static final List<SettingSpec> SPECS = List.of(
      // text, not a choice: a choice is kept in lower case, while records and reports use llama.cpp's names (F16)
      new SettingSpec("dtype", "GGUF file type, one of " + String.join(", ", GgufFileType.names()) + ": a preset is "
          + "written in it, a file's general.file_type must match it, a directory's file of that type is used", "F16",
          SettingSpec.Type.TEXT, GgufFileType.names(), SettingRole.WEIGHT_TYPE),
      SettingSpec.integer("threads", "--threads: decode threads (0: llama.cpp default, one per physical core)", "0")
          .withRole(SettingRole.THREADS),
      SettingSpec.integer("threads-batch", "--threads-batch: prompt threads (0: same as threads)", "0"),
      SettingSpec.integer("ctx-size", "--ctx-size: context tokens (0: the configuration's prompt + output, recorded as"
          + " that number); prompt + output beyond it, or it beyond the model's n_ctx_train, is refused", "0")
          .withRole(SettingRole.CONTEXT_TOKENS),
      SettingSpec.integer("batch-size", "--batch-size: logical batch n_batch (llama.cpp caps it at the context)",
          "2048"),
      SettingSpec.integer("ubatch-size", "--ubatch-size: physical batch n_ubatch", "512"),
      SettingSpec.choice("flash-attn", "--flash-attn", "off", "on", "off"),
      SettingSpec.choice("cache-type-k", "--cache-type-k: KV cache type of keys", "f16", "f16", "q8_0", "q4_0"),
      SettingSpec.choice("cache-type-v", "--cache-type-v: KV cache type of values (quantized needs flash-attn=on)",
          "f16", "f16", "q8_0", "q4_0"),
      SettingSpec.choice("mmap", "map the GGUF file (off: --no-mmap, read into memory)", "on", "on", "off"),
      SettingSpec.integer("poll", "--poll: ggml threadpool polling 0-100 (no effect in this build: its CPU backend "
          + "runs on OpenMP, whose idle threads follow OMP_WAIT_POLICY)", "50"),
      SettingSpec.integer("weights-seed", "seed of the random weights of a preset written as GGUF", "0"),
      // no default in the spec: a setting that is not there stays out of the config_key, so results from before it
      // existed keep their keys (engine settings are keyed with their defaults); unset means 1
      SettingSpec.integer("parallel", "--parallel: slots decoding at once, their tokens batched in one decode "
          + "(continuous batching; inferbench serve runs that many requests at once); each slot has ctx-size tokens; "
          + "1 when not given", null));

  static LlamaCppSettings from(EngineSettings s) throws BadInputException {
    String dtype = s.get("dtype");
    if (!GgufFileType.names().contains(dtype)) {
      throw new BadInputException("--engine-opt dtype: expected one of " + String.join(", ", GgufFileType.names())
          + " (llama.cpp's names), got '" + dtype + "'");
    }
    if (s.getInt("poll") > 100) {
      throw new BadInputException("--engine-opt poll: expected 0..100, got " + s.get("poll"));
    }
    for (String key : List.of("batch-size", "ubatch-size")) {
      if (s.getInt(key) < 1) throw new BadInputException("--engine-opt " + key + ": expected at least 1, got 0");
    }
    int parallel = s.values().containsKey("parallel") ? s.getInt("parallel") : 1;
    if (parallel < 1) throw new BadInputException("--engine-opt parallel: expected at least 1, got " + parallel);
    return new LlamaCppSettings(dtype, s.getInt("threads"), s.getInt("threads-batch"), s.getInt("ctx-size"),
        s.getInt("batch-size"), s.getInt("ubatch-size"), s.get("flash-attn").equals("on"),
        KvCacheType.parse(s.get("cache-type-k")), KvCacheType.parse(s.get("cache-type-v")), s.get("mmap").equals("on"),
        s.getInt("poll"), Long.parseLong(s.get("weights-seed")), parallel);
  }

  /**
   * Why llama.cpp would refuse these settings together, or null: a quantized V cache without flash attention fails
   * context creation in b4916 ("V cache quantization requires flash_attn", src/llama-context.cpp). A cell, not the
   * whole input, is wrong: a sweep crossing both settings keeps its other cells.
   */
  String problem() {
    if (cacheV.quantized() && !flashAttn) {
      return "cache-type-v=" + cacheV.label() + " needs flash-attn=on (llama.cpp: V cache quantization requires "
          + "flash_attn)";
    }
    return null;
  }

  /**
   * The context llama.cpp is asked for: ctx-size (planning fills a 0 with prompt + output), else llama-server's
   * default capped at the model's training context.
   */
  int contextFor(int trainContext) {
    return ctxSize > 0 ? ctxSize : Math.min(SERVER_DEFAULT_CONTEXT, trainContext);
  }

  /** KV bytes per element, K and V averaged (ModelFacts). */
  double kvBytesPerElement() {
    return (cacheK.bytesPerElement() + cacheV.bytesPerElement()) / 2;
  }
}
