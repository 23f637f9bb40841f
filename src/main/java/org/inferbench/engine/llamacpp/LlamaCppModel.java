package org.inferbench.engine.llamacpp;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.RawCompletions;
import de.kherud.llama.args.CacheType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.inferbench.engine.BadInputException;
import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.Request;
import org.inferbench.model.gguf.GgufFile;

/**
 * A GGUF model inside llama.cpp's server code (one slot, one sequence), reached through de.kherud:llama. The native
 * library is loaded here, on the first load in a process, which is a worker process unless the run says
 * {@code --isolate none}.
 */
final class LlamaCppModel implements LoadedModel {
  private final LlamaModel model;
  private final NativeLog log;
  private final ModelInfo info;
  private final Map<String, String> effective;
  private final int context;
  private final int parallel;
  private final int[] bannedExact;
  private final int[] bannedUntilEos;
  private final long loadNanos;
  private final long sessionNanos;

  private LlamaCppModel(LlamaModel model, NativeLog log, ModelInfo info, Map<String, String> effective, int context,
      int parallel, int[] bannedExact, int[] bannedUntilEos, long loadNanos, long sessionNanos) {
    this.model = model;
    this.log = log;
    this.info = info;
    this.effective = effective;
    this.context = context;
    this.parallel = parallel;
    this.bannedExact = bannedExact;
    this.bannedUntilEos = bannedUntilEos;
    this.loadNanos = loadNanos;
    this.sessionNanos = sessionNanos;
  }

  /**
   * @param context the context of one slot (llama.cpp is asked for it times the slots: --ctx-size is split among
   *     them, server.cpp init's n_ctx_slot = n_ctx / n_parallel)
   * @param readNanos time already spent reading the file's header and pages
   */
  static LlamaCppModel load(GgufFile file, ModelInfo info, LlamaCppSettings s, int context, String contextNote,
      long readNanos) throws Exception {
    Vocabulary vocab = Vocabulary.of(file);
    int[] heldBack = vocab.heldBackIds();
    int[] untilEos = heldBack;
    int[] exact = union(heldBack, vocab.endIds());
    NativeLog log = new NativeLog(NativeDirectory.newLogFile());
    ModelParameters p = parameters(file.path(), s, context, log.file());
    long t0 = System.nanoTime();
    LlamaModel model = open(p, log);
    long session = System.nanoTime() - t0;
    log.awaitLoaded();
    Map<String, String> e = effective(file, info, s, context + contextNote, log);
    // METRICS.md's KV-cache size for this context, beside llama.cpp's own figure (kv-self-size, padding included)
    int cells = context * s.parallel();
    e.put("parallel", s.parallel() == 1 ? "1" : s.parallel() + " slots of ctx-size each (llama.cpp's --ctx-size "
        + cells + ", split among them)");
    e.put("kv-cache-formula", String.format(java.util.Locale.ROOT, "%.2f MiB (%d tokens)",
        info.facts().kvBytesPerToken() * cells / (1 << 20), cells));
    e.put("tokens-per-result", "1 (" + heldBack.length + " ids that llama-server would hold back as incomplete "
        + "UTF-8 banned by logit_bias; " + (exact.length - heldBack.length) + " end-of-generation ids too, unless "
        + "--stop-at-eos)");
    return new LlamaCppModel(model, log, info, java.util.Collections.unmodifiableMap(e), context, s.parallel(), exact,
        untilEos, readNanos, session);
  }

  /** Every setting in force as llama.cpp took it, and what it reported while loading. */
  private static Map<String, String> effective(GgufFile file, ModelInfo info, LlamaCppSettings s, String context,
      NativeLog log) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("dtype", info.dtype());
    e.put("model-file", file.path().toAbsolutePath().toString());
    e.put("weights-seed", Long.toString(s.weightsSeed()));
    e.put("threads", s.threads() > 0 ? Integer.toString(s.threads()) : "0 (llama.cpp default: one per physical core)");
    e.put("threads-batch", s.threadsBatch() > 0 ? Integer.toString(s.threadsBatch()) : "0 (same as threads)");
    e.put("ctx-size", context);
    e.put("batch-size", Integer.toString(s.batchSize()));
    e.put("ubatch-size", Integer.toString(s.ubatchSize()));
    e.put("flash-attn", s.flashAttn() ? "on" : "off");
    e.put("cache-type-k", s.cacheK().label());
    e.put("cache-type-v", s.cacheV().label());
    e.put("mmap", s.mmap() ? "on" : "off");
    e.put("poll", s.poll() + " (inert: OpenMP CPU backend)");
    e.put("binding", "de.kherud:llama " + BindingVersion.binding());
    e.putAll(log.loadFacts());
    e.put("omp-wait-policy", System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset (libgomp default)"));
    e.put("sampling", "greedy (top_k 1), cache_prompt off, context shift off");
    e.putAll(ResidentMemory.afterLoad());
    return e;
  }

  private static ModelParameters parameters(Path gguf, LlamaCppSettings s, int context, Path logFile) {
    ModelParameters p = new ModelParameters()
        .setModel(gguf.toAbsolutePath().toString())
        .setCtxSize(context * s.parallel())
        .setBatchSize(s.batchSize())
        .setUbatchSize(s.ubatchSize())
        .setCacheTypeK(CacheType.valueOf(s.cacheK().name()))
        .setCacheTypeV(CacheType.valueOf(s.cacheV().name()))
        .setPoll(s.poll())
        .setParallel(s.parallel())
        // never shift the context silently: a request that outgrows it ends early and fails the token count
        .disableContextShift()
        .setLogFile(logFile.toString());
    if (s.threads() > 0) p.setThreads(s.threads());
    if (s.threadsBatch() > 0) p.setThreadsBatch(s.threadsBatch());
    if (s.flashAttn()) p.enableFlashAttn();
    if (!s.mmap()) p.disableMmap();
    return p;
  }

  /**
   * Loads the native library (into {@link NativeDirectory}, on the first load in a process) and the model. The
   * binding announces the extraction on standard output; it goes to standard error, as nothing an engine does may
   * print on standard output.
   */
  private static LlamaModel open(ModelParameters p, NativeLog log) throws Exception {
    NativeDirectory.get();
    PrintStream out = System.out;
    System.setOut(System.err);
    LlamaModel m;
    try {
      m = new LlamaModel(p);
    } catch (RuntimeException e) {
      if (!RawCompletions.fromBinding(e)) throw e;
      String why = log.awaitLine("failed", 1000).failure();
      throw new IllegalStateException("llama.cpp could not load the model: " + (why.isEmpty() ? e.getMessage() : why),
          e);
    } finally {
      System.setOut(out);
    }
    if (!RawCompletions.loaded(m)) {
      throw new IllegalStateException("llama.cpp rejected its arguments " + p + "(see the worker's log)");
    }
    return m;
  }

  private static int[] union(int[] a, int[] b) {
    return java.util.stream.IntStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).distinct()
        .sorted().toArray();
  }

  /** llama.cpp's log of this model (load, then one block per request), for checks against its own counts. */
  NativeLog log() {
    return log;
  }

  /** The native model, for tests that send requests of their own. */
  LlamaModel nativeModel() {
    return model;
  }

  /** llama-server's slots: each generation takes one, and the native loop decodes them in one batch. */
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

  /**
   * llama.cpp loading the tensors, making the context and KV cache and running its warm-up decode (and, first in a
   * process, the binding extracting and loading its library).
   */
  @Override
  public long sessionCreateNanos() {
    return sessionNanos;
  }

  /** Sends the request; the clock is running, so only what a client of llama-server would do happens here. */
  @Override
  public Generation start(Request request) throws BadInputException {
    if (request.batch() != 1) {
      throw new BadInputException("batch " + request.batch() + ": the llamacpp engine runs one sequence per "
          + "request; concurrent requests share its parallel slots");
    }
    int need = request.promptLength() + request.outputTokens();
    if (need > context) {
      throw new BadInputException("prompt + output (" + request.promptLength() + " + " + request.outputTokens()
          + ") exceeds ctx-size " + context + " (llama.cpp would shift the context)");
    }
    int[] banned = request.stopAtEos() ? bannedUntilEos : bannedExact;
    String json = CompletionRequest.json(request.promptTokens()[0], request.outputTokens(), request.stopAtEos(),
        banned);
    return new LlamaCppGeneration(model, RawCompletions.request(model, json), request.outputTokens(),
        request.stopAtEos());
  }

  /** Ends llama.cpp's task loop; the binding leaves the model's memory to the process's end (jllama.cpp delete). */
  @Override
  public void close() {
    model.close();
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
                String.format(java.util.Locale.ROOT, "%.1f", mb));
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux: nothing to add
      }
      return m;
    }
  }
}
