package org.inferbench.engine.llamacpp;

import java.util.List;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.SettingRole;
import org.inferbench.engine.SettingSpec;
import org.inferbench.model.gguf.GgufFileType;

/**
 * The llamacpp engine's settings, checked once. Each is a field of llama.h's llama_model_params or
 * llama_context_params, named as llama.cpp's own tools name the flag, so any of them can be swept with
 * {@code --engine-opt}; defaults are llama.cpp's tools' own unless said otherwise.
 *
 * @param dtype the GGUF file type asked for, as llama.cpp names it (F16, Q4_K_M, ...); "" when not given: a file's
 *     type is its own, a preset is written in F16
 * @param threads n_threads; 0: one per physical core (llama.cpp's tools' default)
 * @param threadsBatch n_threads_batch; 0: same as threads
 * @param ctxSize n_ctx per sequence; 0: see {@link #contextFor}
 * @param parallel sequences decoding at once (n_seq_max), each with a context of ctx-size
 * @param weightsSeed the seed of a preset's random weights
 * @param lib a llama.cpp build's library directory; "" for the pinned build
 * @param libInclude the directory of that build's llama.h where it is not in the build's source tree; "" to search
 * @param source where the pinned build comes from: "build" (compiled here) or "prebuilt" (node-llama-cpp's)
 * @param gpuLayers n_gpu_layers
 */
record LlamaCppSettings(String dtype, int threads, int threadsBatch, int ctxSize, int batchSize, int ubatchSize,
    boolean flashAttn, KvCacheType cacheK, KvCacheType cacheV, boolean mmap, long weightsSeed, int parallel,
    String lib, String libInclude, String source, int gpuLayers) {

  /** llama-server's default --ctx-size, used for ctx-size=0 while the harness cannot say more. */
  static final int SERVER_DEFAULT_CONTEXT = 4096;

  // Settings added after the engine's first release have no default in the spec: a setting that is not there stays
  // out of the config_key (engine settings are keyed with their defaults); each says what "not given" means.
  static final List<SettingSpec> SPECS = List.of(
      // text, not a choice: a choice is kept in lower case, while records and reports use llama.cpp's names (F16)
      new SettingSpec("dtype", "GGUF file type, one of " + String.join(", ", GgufFileType.names()) + ": a preset is "
          + "written in it (F16 when not given), a directory's file of that type is used; a .gguf file's type is its "
          + "own (a dtype given must match it)", null, SettingSpec.Type.TEXT, GgufFileType.names(),
          SettingRole.WEIGHT_TYPE),
      SettingSpec.integer("threads", "n_threads: decode threads (0: one per physical core)", "0")
          .withRole(SettingRole.THREADS),
      SettingSpec.integer("threads-batch", "n_threads_batch: prompt threads (0: same as threads)", "0"),
      SettingSpec.integer("ctx-size", "n_ctx per sequence: context tokens (0: the configuration's prompt + output, "
          + "recorded as that number); prompt + output beyond it, or it beyond the model's n_ctx_train, is refused",
          "0").withRole(SettingRole.CONTEXT_TOKENS),
      SettingSpec.integer("batch-size", "n_batch: logical batch, the most prompt tokens one llama_decode takes "
          + "(llama.cpp caps it at the context)", "2048"),
      SettingSpec.integer("ubatch-size", "n_ubatch: physical batch", "512"),
      SettingSpec.choice("flash-attn", "flash_attn_type", "off", "on", "off"),
      SettingSpec.choice("cache-type-k", "type_k: KV cache type of keys", "f16", "f16", "q8_0", "q4_0"),
      SettingSpec.choice("cache-type-v", "type_v: KV cache type of values (quantized needs flash-attn=on)",
          "f16", "f16", "q8_0", "q4_0"),
      SettingSpec.choice("mmap", "map the GGUF file (off: read into memory)", "on", "on", "off"),
      SettingSpec.integer("weights-seed", "seed of the random weights of a preset written as GGUF", "0"),
      SettingSpec.integer("parallel", "n_seq_max: sequences decoding at once, their tokens batched in one "
          + "llama_decode (continuous batching; inferbench serve runs that many requests at once); each has ctx-size "
          + "tokens; 1 when not given", null),
      new SettingSpec("lib", "a llama.cpp build's directory of shared libraries (libllama.so, libggml*.so; its "
          + "llama.h is found in the source tree above it); not given: the pinned release (bin/llama-cpp.pin), built "
          + "once per machine; a list (lib=A,B) compares builds", null, SettingSpec.Type.TEXT, List.of(),
          SettingRole.NONE),
      new SettingSpec("lib-include", "the directory with lib's llama.h where it is not in lib's source tree", null,
          SettingSpec.Type.TEXT, List.of(), SettingRole.NONE),
      SettingSpec.choice("llama-source", "where the pinned release comes from when lib is not given: build (compiled"
          + " here for this CPU, once) or prebuilt (node-llama-cpp's libraries, one per CPU family); build when not "
          + "given", null, "build", "prebuilt"),
      SettingSpec.integer("n-gpu-layers", "n_gpu_layers: layers offloaded to a GPU backend the build has (0 when "
          + "not given: CPU only)", null));

  static LlamaCppSettings from(EngineSettings s) throws BadInputException {
    String dtype = s.values().getOrDefault("dtype", "");
    if (!dtype.isEmpty() && !GgufFileType.names().contains(dtype)) {
      throw new BadInputException("--engine-opt dtype: expected one of " + String.join(", ", GgufFileType.names())
          + " (llama.cpp's names), got '" + dtype + "'");
    }
    for (String key : List.of("batch-size", "ubatch-size")) {
      if (s.getInt(key) < 1) throw new BadInputException("--engine-opt " + key + ": expected at least 1, got 0");
    }
    int parallel = s.values().containsKey("parallel") ? s.getInt("parallel") : 1;
    if (parallel < 1) throw new BadInputException("--engine-opt parallel: expected at least 1, got " + parallel);
    int gpu = s.values().containsKey("n-gpu-layers") ? s.getInt("n-gpu-layers") : 0;
    return new LlamaCppSettings(dtype, s.getInt("threads"), s.getInt("threads-batch"), s.getInt("ctx-size"),
        s.getInt("batch-size"), s.getInt("ubatch-size"), s.get("flash-attn").equals("on"),
        KvCacheType.parse(s.get("cache-type-k")), KvCacheType.parse(s.get("cache-type-v")), s.get("mmap").equals("on"),
        Long.parseLong(s.get("weights-seed")), parallel, s.values().getOrDefault("lib", ""),
        s.values().getOrDefault("lib-include", ""), s.values().getOrDefault("llama-source", "build"), gpu);
  }

  /** The type a preset is written in: the one asked for, F16 when none is. */
  String presetDtype() {
    return dtype.isEmpty() ? "F16" : dtype;
  }

  /**
   * Why llama.cpp would refuse these settings together, or null: a quantized V cache without flash attention fails
   * context creation ("V cache quantization requires flash_attn", src/llama-context.cpp). A cell, not the whole
   * input, is wrong: a sweep crossing both settings keeps its other cells.
   */
  String problem() {
    if (cacheV.quantized() && !flashAttn) {
      return "cache-type-v=" + cacheV.label() + " needs flash-attn=on (llama.cpp: V cache quantization requires "
          + "flash_attn)";
    }
    return null;
  }

  /**
   * The context of one sequence: ctx-size (planning fills a 0 with prompt + output), else llama-server's default
   * capped at the model's training context.
   */
  int contextFor(int trainContext) {
    return ctxSize > 0 ? ctxSize : Math.min(SERVER_DEFAULT_CONTEXT, trainContext);
  }

  /** KV bytes per element, K and V averaged (ModelFacts). */
  double kvBytesPerElement() {
    return (cacheK.bytesPerElement() + cacheV.bytesPerElement()) / 2;
  }

  /** threads as llama.cpp is given it: 0 means one per physical core, as llama.cpp's tools count them. */
  int threadsOrDefault() {
    return threads > 0 ? threads : PhysicalCores.count();
  }

  int threadsBatchOrDefault() {
    return threadsBatch > 0 ? threadsBatch : threadsOrDefault();
  }
}
