package org.inferbench.roofline.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.inferbench.results.Json;

/**
 * {@code inferbench probe}: measures this machine's memory bandwidth and peak MatMul throughput once per
 * environment and thread count, and keeps the answer in
 * {@code <cache>/probe/<env_fingerprint>-threads<N>-v2.json}, {@code <cache>} being {@code $INFERBENCH_CACHE_DIR}
 * or {@code ~/.cache/inferbench}. The roofs change only with the hardware, so a cached answer is reused until
 * {@code refresh}. The whole probe takes about 10–15 s.
 *
 * <p>Bandwidth is measured twice, and both are lower bounds of the true figure: a Java read loop
 * ({@link MemoryBandwidth}) and a memory-bound GEMV through ONNX Runtime ({@link GemvBandwidth}), whose vectorised
 * kernels keep more loads in flight. The larger is the roof.
 */
public final class Probe {
  /** The bandwidth test's buffer: far beyond any last-level cache (tens of MiB today). */
  static final long DEFAULT_BUFFER_BYTES = 1L << 30;
  static final int BANDWIDTH_PASSES = 5;
  static final long NANOS_PER_SHAPE = TimeUnit.MILLISECONDS.toNanos(1_500);
  /** The GEMV test's weights: 8x a 32 MiB last-level cache, read once per run. */
  static final long DEFAULT_GEMV_WEIGHT_BYTES = 256L << 20;
  static final long GEMV_NANOS = TimeUnit.MILLISECONDS.toNanos(1_500);
  /** Bumped when what a probe measures changes, so older cached answers are measured again. */
  static final String CACHE_VERSION = "v2";

  /** Measures one thread count; swapped in tests of the cache so they need not run the probe. */
  @FunctionalInterface
  interface Measurer {
    ProbeResult measure(int threads) throws Exception;
  }

  private Probe() {}

  /** The cached result for this environment and thread count, measured (and cached) when absent or on refresh. */
  public static ProbeResult cachedOrMeasure(String envFingerprint, int threads, boolean refresh) throws Exception {
    return cachedOrMeasure(cacheRoot(), envFingerprint, threads, refresh, Probe::measure);
  }

  /** The cached result if there is one (for estimates that must not measure), else empty. */
  public static java.util.Optional<ProbeResult> cached(String envFingerprint, int threads) {
    try {
      Path file = cacheFile(cacheRoot(), envFingerprint, threads);
      if (!Files.isRegularFile(file)) return java.util.Optional.empty();
      ProbeResult r = read(file);
      return r != null && r.threads() == threads ? java.util.Optional.of(r) : java.util.Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  static ProbeResult cachedOrMeasure(Path cacheRoot, String envFingerprint, int threads, boolean refresh,
      Measurer measurer) throws Exception {
    if (threads < 1) throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
    Path file = cacheFile(cacheRoot, envFingerprint, threads);
    if (!refresh && Files.isRegularFile(file)) {
      ProbeResult cached = read(file);
      if (cached != null && cached.threads() == threads) return cached;
      // unreadable or from another layout: measure again and overwrite
    }
    ProbeResult result = measurer.measure(threads);
    write(file, result);
    return result;
  }

  /** {@code $INFERBENCH_CACHE_DIR}, else {@code ~/.cache/inferbench}. */
  public static Path cacheRoot() {
    String override = System.getenv("INFERBENCH_CACHE_DIR");
    if (override != null && !override.isBlank()) return Path.of(override);
    return Path.of(System.getProperty("user.home"), ".cache", "inferbench");
  }

  public static Path cacheFile(Path cacheRoot, String envFingerprint, int threads) {
    if (envFingerprint == null || envFingerprint.isBlank()) {
      throw new IllegalArgumentException("env_fingerprint: expected a non-empty fingerprint for the probe cache");
    }
    String safe = envFingerprint.replaceAll("[^A-Za-z0-9._-]", "_");
    return cacheRoot.resolve("probe").resolve(safe + "-threads" + threads + "-" + CACHE_VERSION + ".json");
  }

  /** Runs the full probe: both bandwidth read tests and the MatMul shapes, with {@code threads} threads. */
  public static ProbeResult measure(int threads) throws Exception {
    // the buffer must fit the heap beside everything else the JVM holds
    long buffer = Math.min(DEFAULT_BUFFER_BYTES, Runtime.getRuntime().maxMemory() / 3);
    // the GEMV model's bytes pass through the heap once, before the session copies them off-heap
    long gemvBytes = Math.min(DEFAULT_GEMV_WEIGHT_BYTES, Runtime.getRuntime().maxMemory() / 3);
    return measure(threads, buffer, BANDWIDTH_PASSES, gemvBytes, GEMV_NANOS, MatMulPeak.TRANSFORMER_SHAPES.size(),
        NANOS_PER_SHAPE);
  }

  static ProbeResult measure(int threads, long bufferBytes, int passes, long gemvWeightBytes, long gemvNanos,
      int shapes, long nanosPerShape) throws Exception {
    long start = System.nanoTime();
    MemoryBandwidth.Measurement memory = MemoryBandwidth.measure(threads, bufferBytes, passes);
    // A roof is what the machine can do with at most this many threads: on a busy or hyper-threaded machine one
    // streaming thread can beat two (one of them waits on a core another process holds), so one thread is tried too.
    Map<String, Double> gemvByThreads = new LinkedHashMap<>();
    GemvBandwidth.Measurement gemv = null;
    for (int t : threads > 1 ? new int[] {threads, 1} : new int[] {threads}) {
      GemvBandwidth.Measurement m = GemvBandwidth.measure(t, gemvWeightBytes, gemvNanos);
      gemvByThreads.put(Integer.toString(t), m.bytesPerS());
      if (gemv == null || m.bytesPerS() > gemv.bytesPerS()) gemv = m;
    }
    MatMulPeak.Measurement matmul =
        MatMulPeak.measure(threads, MatMulPeak.TRANSFORMER_SHAPES.subList(0, shapes), nanosPerShape);
    double bandwidth = Math.max(memory.bytesPerS(), gemv.bytesPerS());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("bandwidth_source", gemv.bytesPerS() >= memory.bytesPerS() ? "ort_gemv" : "java_read");
    details.put("bandwidth_java_read_bytes_per_s", memory.bytesPerS());
    details.put("bandwidth_java_read_method", "Java threads summing long[] arrays, best of " + memory.passes()
        + " passes over " + memory.bufferBytes() + " bytes");
    details.put("bandwidth_buffer_bytes", memory.bufferBytes());
    details.put("bandwidth_passes", memory.passes());
    details.put("bandwidth_pass_bytes_per_s", memory.passBytesPerS());
    details.put("bandwidth_ort_gemv_bytes_per_s", gemv.bytesPerS());
    details.put("bandwidth_ort_gemv_method", "ONNX Runtime fp32 MatMul [1x" + gemv.k() + "] by " + gemv.matrices()
        + " initializers [" + gemv.k() + "x" + gemv.columns() + "], " + gemv.weightBytes()
        + " weight bytes per run, fastest run after warm-up, best over intra-op thread counts "
        + gemvByThreads.keySet());
    details.put("bandwidth_ort_gemv_bytes_per_s_by_threads", gemvByThreads);
    details.put("bandwidth_ort_gemv_weight_bytes", gemv.weightBytes());
    long llc = CpuCaches.lastLevelBytes();
    if (llc > 0) {
      details.put("last_level_cache_bytes", llc);
      long smaller = Math.min(memory.bufferBytes(), gemv.weightBytes());
      if (smaller < 8 * llc) {
        details.put("bandwidth_warning", "a bandwidth buffer is only " + smaller / llc
            + "x the last-level cache: caches may inflate the bandwidth");
      }
    }
    details.put("matmul_flops_per_s", matmul.perShape());
    details.put("matmul_dtype", "fp32");
    details.put("probe_seconds", (System.nanoTime() - start) / 1e9);
    return new ProbeResult(bandwidth, matmul.flopsPerS(), threads,
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), details);
  }

  private static ProbeResult read(Path file) throws IOException {
    try {
      ProbeResult r = Json.mapper().readValue(file.toFile(), ProbeResult.class);
      return r.bandwidthBytesPerS() > 0 && r.peakFlopsPerS() > 0 ? r : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static void write(Path file, ProbeResult result) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), result);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
