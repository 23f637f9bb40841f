package org.inferbench.engine.llamacpp;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.Request;
import org.inferbench.model.gguf.GgufFile;

/**
 * A GGUF model in llama.cpp, driven through its C API: one model, one context of {@code parallel} sequences of
 * ctx-size cells each, and a {@link DecodeLoop} deciding what each llama_decode holds. The native library is loaded
 * here, on the first load in a process, which is a worker process unless the run says {@code --isolate none}.
 */
final class LlamaCppModel implements LoadedModel {
  private final LlamaNative lib;
  private final MemorySegment model;
  private final MemorySegment session;
  private final DecodeLoop loop;
  private final NativeLog log;
  private final ModelInfo info;
  private final Map<String, String> effective;
  private final int context;
  private final int parallel;
  private final int vocab;
  private final long loadNanos;
  private final long sessionNanos;
  private volatile boolean closed;

  private LlamaCppModel(LlamaNative lib, MemorySegment model, MemorySegment session, NativeLog log, ModelInfo info,
      Map<String, String> effective, int context, int parallel, long loadNanos, long sessionNanos) {
    this.lib = lib;
    this.model = model;
    this.session = session;
    this.log = log;
    this.info = info;
    this.effective = effective;
    this.context = context;
    this.parallel = parallel;
    this.vocab = lib.vocabSize(model);
    this.loadNanos = loadNanos;
    this.sessionNanos = sessionNanos;
    this.loop = new DecodeLoop(lib, session, parallel);
  }

  /**
   * @param context the context of one sequence (llama.cpp is asked for it times the sequences)
   * @param readNanos time already spent reading the file's header and pages
   */
  static LlamaCppModel load(LlamaBuild build, GgufFile file, ModelInfo info, LlamaCppSettings s, int context,
      String contextNote, long readNanos) throws BadInputException {
    LlamaNative lib = LlamaNative.load(build, NativeLog.file());
    NativeLog log = NativeLog.mark();
    long t0 = System.nanoTime();
    MemorySegment model = lib.loadModel(file.path(), s.gpuLayers(), s.mmap());
    if (model.equals(MemorySegment.NULL)) {
      throw new BadInputException("--model " + file.path() + ": " + build.label() + " could not load it ("
          + oneLine(log.read().failure()) + ")");
    }
    int cells = context * s.parallel();
    MemorySegment session = lib.newSession(model, cells, Math.min(s.batchSize(), cells), s.ubatchSize(),
        s.parallel(), s.threadsOrDefault(), s.threadsBatchOrDefault(), s.flashAttn(), s.cacheK().ggmlType(),
        s.cacheV().ggmlType());
    if (session.equals(MemorySegment.NULL)) {
      lib.freeModel(model);
      throw new BadInputException("--model " + file.path() + ": " + build.label() + " could not make a context of "
          + cells + " cells (" + oneLine(log.read().failure()) + ")");
    }
    long sessionNanos = System.nanoTime() - t0;
    Map<String, String> e = effective(build, file, info, s, context + contextNote, log.read());
    e.put("parallel", s.parallel() == 1 ? "1" : s.parallel() + " sequences of ctx-size each (n_ctx " + cells + ")");
    e.put("kv-cache-formula", String.format(Locale.ROOT, "%.2f MiB (%d tokens)",
        info.facts().kvBytesPerToken() * cells / (1 << 20), cells));
    return new LlamaCppModel(lib, model, session, log, info, java.util.Collections.unmodifiableMap(e), context,
        s.parallel(), readNanos, sessionNanos);
  }

  private static String oneLine(String s) {
    return s.isEmpty() ? "see llama.cpp's log" : s.replaceAll("\\s+", " ");
  }

  /** Every setting in force as llama.cpp took it, the build, and what llama.cpp reported while loading. */
  private static Map<String, String> effective(LlamaBuild build, GgufFile file, ModelInfo info, LlamaCppSettings s,
      String context, NativeLog log) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("dtype", info.dtype());
    e.put("model-file", file.path().toAbsolutePath().toString());
    e.put("weights-seed", Long.toString(s.weightsSeed()));
    e.put("threads", s.threads() > 0 ? Integer.toString(s.threads())
        : s.threadsOrDefault() + " (0: one per physical core)");
    e.put("threads-batch", s.threadsBatch() > 0 ? Integer.toString(s.threadsBatch())
        : s.threadsBatchOrDefault() + " (0: same as threads)");
    e.put("ctx-size", context);
    e.put("batch-size", Integer.toString(s.batchSize()));
    e.put("ubatch-size", Integer.toString(s.ubatchSize()));
    e.put("flash-attn", s.flashAttn() ? "on" : "off");
    e.put("cache-type-k", s.cacheK().label());
    e.put("cache-type-v", s.cacheV().label());
    e.put("mmap", s.mmap() ? "on" : "off");
    e.put("n-gpu-layers", Integer.toString(s.gpuLayers()));
    e.putAll(build.facts());
    e.putAll(log.loadFacts());
    e.put("omp-wait-policy", System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset (libgomp default)"));
    e.put("sampling", "greedy (argmax of the logits), no prompt cache, no context shift");
    e.putAll(ResidentMemory.afterLoad());
    return e;
  }

  /** llama.cpp's log of this model since it started loading, for checks against its own counts. */
  NativeLog log() {
    return log.read();
  }

  /** Bans ids from greedy choice (for tests that choose among a vocabulary's subset); before any request. */
  void ban(int[] ids) {
    lib.ban(session, ids, true);
  }

  int vocabSize() {
    return vocab;
  }

  /** Sequences decoding at once: each generation takes one, and the decode loop puts them in one batch. */
  @Override
  public int concurrentGenerations() {
    return parallel;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public Map<String, String> effectiveSettings() {
    return effective;
  }

  /** Reading the GGUF header and the file through the page cache. */
  @Override
  public long modelLoadNanos() {
    return loadNanos;
  }

  /** llama.cpp loading the tensors and making the context and its KV cache (and loading its library, first). */
  @Override
  public long sessionCreateNanos() {
    return sessionNanos;
  }

  /** Queues the request for a sequence; its prompt is decoded by the first steps' rounds. */
  @Override
  public Generation start(Request request) throws Exception {
    if (request.batch() != 1) {
      throw new BadInputException("batch " + request.batch() + ": the llamacpp engine runs one sequence per "
          + "request; concurrent requests share its parallel sequences");
    }
    int need = request.promptLength() + request.outputTokens();
    if (need > context) {
      throw new BadInputException("prompt + output (" + request.promptLength() + " + " + request.outputTokens()
          + ") exceeds ctx-size " + context + " (llama.cpp would shift the context)");
    }
    if (request.promptLength() == 0) throw new BadInputException("an empty prompt: llama.cpp needs one token");
    for (int t : request.promptTokens()[0]) {
      if (t < 0 || t >= vocab) {
        throw new BadInputException("prompt token " + t + ": outside the model's vocabulary (0.." + (vocab - 1) + ")");
      }
    }
    if (closed) throw new IllegalStateException("the model is closed");
    return loop.start(request.promptTokens()[0], request.outputTokens(), request.stopAtEos(),
        t -> lib.isEndOfGeneration(model, t));
  }

  /** Stops the decode thread, then frees the context and the model. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    loop.close();
    lib.freeSession(session);
    lib.freeModel(model);
  }

  /** Resident memory split as /proc/self/status gives it: mapped GGUF pages (file) apart from llama.cpp's own. */
  static final class ResidentMemory {
    private ResidentMemory() {}

    static Map<String, String> afterLoad() {
      Map<String, String> m = new LinkedHashMap<>();
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          String[] kv = line.split(":\\s+");
          if (kv.length == 2 && (kv[0].equals("RssAnon") || kv[0].equals("RssFile"))) {
            double mb = Long.parseLong(kv[1].replace(" kB", "").trim()) / 1024.0;
            m.put(kv[0].equals("RssAnon") ? "rss-anon-after-load-mb" : "rss-file-after-load-mb",
                String.format(Locale.ROOT, "%.1f", mb));
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux: nothing to add
      }
      return m;
    }
  }
}
