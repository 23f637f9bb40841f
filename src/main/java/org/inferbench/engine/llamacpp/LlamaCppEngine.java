package org.inferbench.engine.llamacpp;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.Capability;
import org.inferbench.engine.Engine;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.ModelRef;
import org.inferbench.engine.SettingSpec;
import org.inferbench.model.ModelCache;
import org.inferbench.model.gguf.GgufFacts;
import org.inferbench.model.gguf.GgufFile;

/**
 * llama.cpp through its C API (llama.h, reached by Java's FFM API through a small C shim) over GGUF files, any build:
 * the pinned release built here, node-llama-cpp's prebuilt libraries, or {@code --engine-opt lib=DIR}. Everything
 * but {@link #load} is plain Java: the parent process plans, describes and dry-runs without native code (what a
 * build is, it learns by running the shim's probe program), and the native library is loaded in the worker process
 * that measures the configuration, so a GGML abort ends that worker only and is recorded as the configuration's
 * failure.
 */
public final class LlamaCppEngine implements Engine {
  private final ModelCache cache;

  /** Presets are written to the default model cache ($INFERBENCH_CACHE_DIR or ~/.cache/inferbench/models). */
  public LlamaCppEngine() {
    this(ModelCache.atDefaultRoot());
  }

  LlamaCppEngine(ModelCache cache) {
    this.cache = cache;
  }

  @Override
  public String name() {
    return "llamacpp";
  }

  @Override
  public String description() {
    return "llama.cpp through its C API (" + version() + ") over GGUF models: a preset written as GGUF, a .gguf "
        + "file, or a directory of them; one sequence per request, parallel=N sequences batched for serve";
  }

  /** The build a run without lib=DIR uses, as its probe reports it; never builds (that waits for a load). */
  @Override
  public String version() {
    return LlamaBuilds.describeDefault();
  }

  /** No BATCH: a batch of sequences is parallel=N requests at once (inferbench serve), not one request. */
  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.DECODER, Capability.KV_CACHE, Capability.DEVICE_CPU);
  }

  @Override
  public List<SettingSpec> settings() {
    return LlamaCppSettings.SPECS;
  }

  @Override
  public ModelInfo describe(ModelRef model, EngineSettings settings) throws BadInputException {
    LlamaCppSettings s = LlamaCppSettings.from(settings);
    if (GgufPreset.names(model)) return GgufPreset.info(model, s);
    return GgufDescription.info(model.id(), GgufSource.find(model, s.dtype()), s);
  }

  /** The build these settings name, its shim compiled and probed (building the pinned release where needed). */
  @Override
  public String build(EngineSettings settings) throws BadInputException {
    return LlamaBuilds.resolve(LlamaCppSettings.from(settings)).label();
  }

  /**
   * Writes a preset's GGUF file into the cache (if it is not there yet) and makes the build ready (built, its shim
   * compiled), outside any measured process.
   */
  @Override
  public void prepare(ModelRef model, EngineSettings settings) throws Exception {
    LlamaCppSettings s = LlamaCppSettings.from(settings);
    if (GgufPreset.names(model)) GgufPreset.file(model, s, cache);
    LlamaBuilds.resolve(s);
  }

  /**
   * Why this engine cannot run a cell, or null: settings llama.cpp refuses together, a batch above 1, a prompt and
   * output longer than ctx-size, a ctx-size beyond what the model was trained for. {@link #load} and
   * {@link LoadedModel#start} refuse the same cells again, before any native call, for callers that skip planning.
   */
  @Override
  public String notApplicable(ModelInfo model, EngineSettings settings, int batch, int prompt, int output) {
    String problem;
    try {
      problem = LlamaCppSettings.from(settings).problem();
    } catch (BadInputException e) {
      return e.getMessage();
    }
    if (problem != null) return problem;
    if (batch > 1) {
      return "engine llamacpp runs one sequence per request in process; its parallel sequences (parallel=N) batch "
          + "concurrent requests: serve it (inferbench serve) and load it with --concurrency";
    }
    if ((long) prompt + output > model.maxPositions()) {
      return "prompt + output (" + prompt + " + " + output + ") exceeds ctx-size " + model.maxPositions()
          + " (llama.cpp would shift the context)";
    }
    if (model.details().get("n_ctx_train") instanceof Integer train && model.maxPositions() > train) {
      return "ctx-size " + model.maxPositions() + " exceeds " + model.id() + "'s trained context (" + train + ")";
    }
    return null;
  }

  /**
   * On an abort ggml attaches gdb to print a backtrace unless GGML_NO_BACKTRACE is set (ggml.c ggml_print_backtrace);
   * without it the recorded reason is the debugger's noise instead of the failed GGML_ASSERT line. A build given to
   * this process as the system property inferbench.llama.bin reaches the worker as INFERBENCH_LLAMA_LIB.
   */
  @Override
  public Map<String, String> workerEnvironment() {
    String lib = System.getProperty(LlamaBuilds.PROPERTY);
    return lib == null || lib.isBlank() ? Map.of("GGML_NO_BACKTRACE", "1")
        : Map.of("GGML_NO_BACKTRACE", "1", "INFERBENCH_LLAMA_LIB", lib);
  }

  /**
   * Planning fills a ctx-size of 0 with the configuration's prompt + output; a caller that loads without planning
   * gets llama-server's default context instead, and the recorded setting says so.
   */
  @Override
  public LoadedModel load(ModelRef model, EngineSettings settings) throws Exception {
    LlamaCppSettings s = LlamaCppSettings.from(settings);
    String problem = s.problem();
    if (problem != null) throw new BadInputException(problem);
    long t0 = System.nanoTime();
    boolean preset = GgufPreset.names(model);
    GgufFile file = preset ? GgufFile.read(GgufPreset.file(model, s, cache)) : GgufSource.find(model, s.dtype());
    ModelInfo info = preset ? GgufPreset.info(model, s) : GgufDescription.info(model.id(), file, s);
    int train = GgufFacts.trainContext(file);
    int context = s.contextFor(train);
    String note = s.ctxSize() > 0 ? "" : " (0: llama-server's default 4096 capped at n_ctx_train " + train + ")";
    readThrough(file);
    long read = System.nanoTime() - t0;
    return LlamaCppModel.load(LlamaBuilds.resolve(s), file, info, s, context, note, read);
  }

  /**
   * Reads the file once through the page cache, so model load time holds the disk and session creation does not,
   * without keeping a copy in the resident set.
   */
  private static void readThrough(GgufFile file) throws BadInputException {
    ByteBuffer buf = ByteBuffer.allocateDirect(8 << 20);
    try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ)) {
      while (ch.read(buf) >= 0) buf.clear();
    } catch (java.io.IOException e) {
      throw new BadInputException(file.path() + ": cannot read (" + BadInputException.oneLine(e) + ")", e);
    }
  }
}
