package org.inferbench.roofline.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe measures positive roofs, and its cache answers repeat calls until a refresh asks again. */
final class ProbeTest {
  @TempDir Path cache;

  @Test
  void smallProbeMeasuresBothRoofs() throws Exception {
    // 256 MiB read, 2 passes, a 64 MiB GEMV for 0.2 s, one shape for 0.2 s: the real code paths at a tenth of the cost
    ProbeResult r = Probe.measure(2, 256L << 20, 2, 64L << 20, 200_000_000L, 1, 200_000_000L);
    double java = (double) r.details().get("bandwidth_java_read_bytes_per_s");
    double gemv = (double) r.details().get("bandwidth_ort_gemv_bytes_per_s");
    assertThat(java).isPositive().isFinite();
    assertThat(gemv).isPositive().isFinite();
    assertThat(r.bandwidthBytesPerS()).isEqualTo(Math.max(java, gemv));
    assertThat(r.details().get("bandwidth_source")).isEqualTo(gemv >= java ? "ort_gemv" : "java_read");
    // the GEMV figure is the best of the requested thread count and of one thread
    @SuppressWarnings("unchecked")
    Map<String, Double> byThreads = (Map<String, Double>) r.details().get("bandwidth_ort_gemv_bytes_per_s_by_threads");
    assertThat(byThreads).containsOnlyKeys("2", "1");
    assertThat(gemv).isEqualTo(Math.max(byThreads.get("2"), byThreads.get("1")));
    assertThat(r.peakFlopsPerS()).isPositive().isFinite();
    assertThat(r.threads()).isEqualTo(2);
    assertThat(r.details()).containsKeys("bandwidth_buffer_bytes", "bandwidth_java_read_method",
        "bandwidth_ort_gemv_method", "matmul_flops_per_s");
    assertThat(r.details().get("matmul_flops_per_s")).isEqualTo(Map.of("128x768x768", r.peakFlopsPerS()));
  }

  @Test
  void gemvStreamsWholeMatricesOfTheRequestedSize() throws Exception {
    // 20 MiB = 1280 columns of K = 4096 fp32 rows, in one matrix; every run reads all of it
    GemvBandwidth.Measurement m = GemvBandwidth.measure(1, 20L << 20, 50_000_000L);
    assertThat(m.bytesPerS()).isPositive().isFinite();
    assertThat(m.matrices()).isEqualTo(1);
    assertThat(m.columns()).isEqualTo(1280);
    assertThat(m.weightBytes()).isEqualTo(20L << 20);
    assertThat(m.runs()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void gemvSplitsLargeWeightsIntoMatricesOfAtMost64MiB() {
    // 256 MiB is four 4096 × 4096 fp32 matrices; 100 MiB is two of 3200 columns; too little is refused
    assertThat(GemvBandwidth.layout(256L << 20)).isEqualTo(new GemvBandwidth.Layout(4, 4096));
    assertThat(GemvBandwidth.layout(100L << 20)).isEqualTo(new GemvBandwidth.Layout(2, 3200));
    assertThatThrownBy(() -> GemvBandwidth.layout(1024)).hasMessage("weightBytes: expected >= 262144, got 1024");
  }

  @Test
  void gemvInitializersAreDistinct() throws Exception {
    // the weights share one random array but no two initializers hold the same bytes, so none can be shared
    OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(GemvBandwidth.model(3, 16));
    List<OnnxMl.TensorProto> weights = model.getGraph().getInitializerList();
    assertThat(weights).hasSize(3);
    assertThat(weights).allSatisfy(w -> assertThat(w.getRawData().size()).isEqualTo(4 * 4096 * 16));
    assertThat(weights.stream().map(OnnxMl.TensorProto::getRawData).distinct()).hasSize(3);
    assertThat(model.getGraph().getNodeList()).extracting(OnnxMl.NodeProto::getOpType).containsOnly("MatMul");
  }

  @Test
  void cachedResultIsReusedUntilRefresh() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Probe.Measurer counting = threads -> new ProbeResult(1e10 + calls.incrementAndGet(), 5e10, threads,
        "2026-01-01T00:00:00Z", Map.of("shape", "test"));
    ProbeResult first = Probe.cachedOrMeasure(cache, "abc/123", 2, false, counting);
    ProbeResult again = Probe.cachedOrMeasure(cache, "abc/123", 2, false, counting);
    assertThat(calls).hasValue(1);
    assertThat(again).isEqualTo(first);
    assertThat(cache.resolve("probe/abc_123-threads2-v2.json")).isRegularFile();
    Probe.cachedOrMeasure(cache, "abc/123", 4, false, counting);
    assertThat(calls).hasValue(2);
    ProbeResult refreshed = Probe.cachedOrMeasure(cache, "abc/123", 2, true, counting);
    assertThat(calls).hasValue(3);
    assertThat(refreshed.bandwidthBytesPerS()).isEqualTo(1e10 + 3);
  }

  @Test
  void corruptCacheIsMeasuredAgain() throws Exception {
    Path file = Probe.cacheFile(cache, "env", 1);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{not json");
    ProbeResult r = Probe.cachedOrMeasure(cache, "env", 1, false,
        threads -> new ProbeResult(2e10, 3e10, threads, "2026-01-01T00:00:00Z", Map.of()));
    assertThat(r.bandwidthBytesPerS()).isEqualTo(2e10);
    assertThat(Files.readString(file)).contains("\"bandwidth_bytes_per_s\"");
  }

  @Test
  void blankFingerprintIsRefused() {
    assertThatThrownBy(() -> Probe.cacheFile(cache, " ", 1))
        .hasMessage("env_fingerprint: expected a non-empty fingerprint for the probe cache");
  }

  @Test
  void sysfsCacheSizesParse() throws Exception {
    assertThat(CpuCaches.parseSize("32768K")).isEqualTo(33_554_432L);
    Path dir = cache.resolve("cpu0/cache");
    for (String[] idx : new String[][] {{"index0", "1", "48K"}, {"index2", "2", "2048K"}, {"index3", "3", "32M"}}) {
      Files.createDirectories(dir.resolve(idx[0]));
      Files.writeString(dir.resolve(idx[0]).resolve("level"), idx[1] + "\n");
      Files.writeString(dir.resolve(idx[0]).resolve("size"), idx[2] + "\n");
    }
    assertThat(CpuCaches.lastLevelBytes(dir)).isEqualTo(32L << 20);
  }
}
