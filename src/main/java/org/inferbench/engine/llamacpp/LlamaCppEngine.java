package org.inferbench.engine.llamacpp;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.inferbench.engine.BadInputException;
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
 * llama.cpp through de.kherud:llama (llama-server's code behind JNI) over GGUF files. Everything but
 * {@link #load} is plain Java: the parent process plans, describes and dry-runs without native code, and the
 * native library is loaded in the worker process that measures the configuration, so a GGML abort ends that
 * worker only and is recorded as the configuration's failure.
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
    return "llama.cpp (" + BindingVersion.describe() + ", CPU) over GGUF models of the llama and gpt2 "
        + "architectures: a preset written as GGUF, a .gguf file, or a directory of them; one sequence at a time";
  }

  @Override
  public String version() {
    return BindingVersion.describe();
  }

  /** No BATCH: llama-server runs batch > 1 as parallel slots, which this engine does not measure yet. */
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

  /** Writes a preset's GGUF file into the cache (if it is not there yet) outside any measured process. */
  @Override
  public void prepare(ModelRef model, EngineSettings settings) throws Exception {
    if (GgufPreset.names(model)) GgufPreset.file(model, LlamaCppSettings.from(settings), cache);
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
      return "engine llamacpp runs one sequence per request in process; its parallel slots (parallel=N) batch "
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
   * ggml's threadpool polls for work unless --poll is 0; this build's CPU backend runs on OpenMP instead, whose idle
   * threads follow OMP_WAIT_POLICY (libgomp spins briefly, then sleeps: measured idle cost near zero), so poll=0
   * changes nothing here but is what a threadpool build needs.
   */
  @Override
  public Map<String, String> settingsForTakingTurns() {
    return Map.of("poll", "0");
  }

  /**
   * On an abort ggml attaches gdb to print a backtrace unless GGML_NO_BACKTRACE is set (ggml.c ggml_print_backtrace);
   * without it the recorded reason is the debugger's noise instead of the failed GGML_ASSERT line.
   */
  @Override
  public Map<String, String> workerEnvironment() {
    return Map.of("GGML_NO_BACKTRACE", "1");
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
    return LlamaCppModel.load(file, info, s, context, note, System.nanoTime() - t0);
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
