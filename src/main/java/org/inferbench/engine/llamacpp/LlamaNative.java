package org.inferbench.engine.llamacpp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import org.inferbench.core.BadInputException;

/**
 * InferBench's shim over llama.cpp (src/main/c/inferbench-llama.c) reached through Java's Foreign Function & Memory
 * API. Only plain ints, floats and pointers cross: the shim keeps llama.h's structs on the C side, compiled against
 * the header of the library it is linked with ({@link Shim}). One build per process: the shim's libllama is found by
 * its soname, so a second build in the same process would silently resolve to the first; the worker processes a run
 * starts per configuration each load their own.
 */
final class LlamaNative {
  /** The shim's ABI this class speaks (IBL_ABI in the C source). */
  static final int ABI = 1;

  private static LlamaNative loaded;

  private final LlamaBuild build;
  private final MethodHandle modelLoad;
  private final MethodHandle modelFree;
  private final MethodHandle nVocab;
  private final MethodHandle isEog;
  private final MethodHandle sessionNew;
  private final MethodHandle sessionFree;
  private final MethodHandle nCtx;
  private final MethodHandle nBatch;
  private final MethodHandle nUbatch;
  private final MethodHandle ban;
  private final MethodHandle decode;
  private final MethodHandle argmax;
  private final MethodHandle logits;
  private final MethodHandle forget;
  private final MethodHandle posMax;

  private LlamaNative(LlamaBuild build, SymbolLookup lib) {
    this.build = build;
    modelLoad = fn(lib, "ibl_model_load", ADDRESS, ADDRESS, JAVA_INT, JAVA_INT);
    modelFree = fn(lib, "ibl_model_free", null, ADDRESS);
    nVocab = fn(lib, "ibl_n_vocab", JAVA_INT, ADDRESS);
    isEog = fn(lib, "ibl_is_eog", JAVA_INT, ADDRESS, JAVA_INT);
    sessionNew = fn(lib, "ibl_session_new", ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
        JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    sessionFree = fn(lib, "ibl_session_free", null, ADDRESS);
    nCtx = fn(lib, "ibl_n_ctx", JAVA_INT, ADDRESS);
    nBatch = fn(lib, "ibl_n_batch", JAVA_INT, ADDRESS);
    nUbatch = fn(lib, "ibl_n_ubatch", JAVA_INT, ADDRESS);
    ban = fn(lib, "ibl_ban", null, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT);
    decode = fn(lib, "ibl_decode", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    argmax = fn(lib, "ibl_argmax", JAVA_INT, ADDRESS, JAVA_INT);
    logits = fn(lib, "ibl_logits", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
    forget = fn(lib, "ibl_forget", JAVA_INT, ADDRESS, JAVA_INT);
    posMax = fn(lib, "ibl_pos_max", JAVA_INT, ADDRESS, JAVA_INT);
  }

  /**
   * Loads the shim of {@code build} into this process (once), initialises llama.cpp's backends with its log going to
   * {@code log}, and checks the shim's ABI and the library's struct layouts.
   */
  static synchronized LlamaNative load(LlamaBuild build, Path log) throws BadInputException {
    if (loaded != null) {
      if (loaded.build.dir().equals(build.dir())) return loaded;
      throw new BadInputException("--engine-opt lib=" + build.dir() + ": this process already runs the llama.cpp "
          + "build in " + loaded.build.dir() + " (one build per process: run each build in a worker, --isolate fork)");
    }
    SymbolLookup lib;
    try {
      lib = SymbolLookup.libraryLookup(build.shim(), Arena.global());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--engine-opt lib=" + build.dir() + ": cannot load llama.cpp through "
          + build.shim().getFileName() + " (" + BadInputException.oneLine(e) + "); expected a llama.cpp build for "
          + LlamaBuildDir.machine() + " with the functions of include/llama.h", e);
    }
    try {
      int abi = (int) fn(lib, "ibl_abi", JAVA_INT).invokeExact();
      if (abi != ABI) {
        throw new BadInputException(build.shim() + ": shim ABI " + abi + ", expected " + ABI + " (a stale build)");
      }
      try (Arena a = Arena.ofConfined()) {
        MemorySegment dir = build.backendDir() == null ? MemorySegment.NULL
            : a.allocateFrom(build.backendDir().toString());
        MethodHandle init = fn(lib, "ibl_init", null, ADDRESS, ADDRESS);
        init.invokeExact(dir, a.allocateFrom(log.toString()));
      }
      String structs = string((MemorySegment) fn(lib, "ibl_check_layout", ADDRESS).invokeExact());
      if (!structs.isEmpty()) {
        throw new BadInputException("--engine-opt lib=" + build.dir() + ": its structs do not match the llama.h the "
            + "shim was compiled with (" + structs + "): an incompatible llama.cpp release");
      }
    } catch (BadInputException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
    loaded = new LlamaNative(build, lib);
    return loaded;
  }

  LlamaBuild build() {
    return build;
  }

  MemorySegment loadModel(Path file, int gpuLayers, boolean mmap) {
    try (Arena a = Arena.ofConfined()) {
      return (MemorySegment) modelLoad.invokeExact(a.allocateFrom(file.toAbsolutePath().toString()), gpuLayers,
          mmap ? 1 : 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void freeModel(MemorySegment model) {
    call(() -> modelFree.invoke(model));
  }

  int vocabSize(MemorySegment model) {
    return callInt(() -> (int) nVocab.invokeExact(model));
  }

  boolean isEndOfGeneration(MemorySegment model, int token) {
    return callInt(() -> (int) isEog.invokeExact(model, token)) != 0;
  }

  MemorySegment newSession(MemorySegment model, int ctx, int batch, int ubatch, int seqs, int threads,
      int threadsBatch, boolean flashAttn, int typeK, int typeV) {
    try {
      return (MemorySegment) sessionNew.invokeExact(model, ctx, batch, ubatch, seqs, threads, threadsBatch,
          flashAttn ? 1 : 0, typeK, typeV);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  void freeSession(MemorySegment s) {
    call(() -> sessionFree.invoke(s));
  }

  int contextSize(MemorySegment s) {
    return callInt(() -> (int) nCtx.invokeExact(s));
  }

  int batchSize(MemorySegment s) {
    return callInt(() -> (int) nBatch.invokeExact(s));
  }

  int ubatchSize(MemorySegment s) {
    return callInt(() -> (int) nUbatch.invokeExact(s));
  }

  void ban(MemorySegment s, int[] ids, boolean banned) {
    if (ids.length == 0) return;
    try (Arena a = Arena.ofConfined()) {
      MemorySegment m = a.allocateFrom(JAVA_INT, ids);
      call(() -> ban.invoke(s, m, ids.length, banned ? 1 : 0));
    }
  }

  /** One llama_decode of {@code n} entries already written into the batch arrays; llama_decode's result. */
  int decode(MemorySegment s, int n, MemorySegment tokens, MemorySegment pos, MemorySegment seq,
      MemorySegment keep) {
    return callInt(() -> (int) decode.invokeExact(s, n, tokens, pos, seq, keep));
  }

  int argmax(MemorySegment s, int entry) {
    return callInt(() -> (int) argmax.invokeExact(s, entry));
  }

  /** The logits of batch entry {@code entry}, or null where the decode kept none for it. */
  float[] logits(MemorySegment s, int entry, int vocab) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(JAVA_FLOAT, vocab);
      int r = callInt(() -> (int) logits.invokeExact(s, entry, out));
      return r == 0 ? out.toArray(JAVA_FLOAT) : null;
    }
  }

  /** Removes a sequence's cells from llama.cpp's memory (-1: all sequences). */
  void forget(MemorySegment s, int seq) {
    callInt(() -> (int) forget.invokeExact(s, seq));
  }

  int lastPosition(MemorySegment s, int seq) {
    return callInt(() -> (int) posMax.invokeExact(s, seq));
  }

  static String string(MemorySegment cString) {
    return cString.equals(MemorySegment.NULL) ? "" : cString.reinterpret(1 << 16).getString(0);
  }

  private static MethodHandle fn(SymbolLookup lib, String name, java.lang.foreign.MemoryLayout result,
      java.lang.foreign.MemoryLayout... args) {
    MemorySegment sym = lib.find(name).orElseThrow(() -> new IllegalStateException("shim lacks " + name));
    FunctionDescriptor d = result == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(result, args);
    return Linker.nativeLinker().downcallHandle(sym, d);
  }

  private interface Call {
    void run() throws Throwable;
  }

  private interface IntCall {
    int run() throws Throwable;
  }

  private static void call(Call c) {
    try {
      c.run();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static int callInt(IntCall c) {
    try {
      return c.run();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) return r;
    if (t instanceof Error e) throw e;
    return new IllegalStateException(t);
  }
}
