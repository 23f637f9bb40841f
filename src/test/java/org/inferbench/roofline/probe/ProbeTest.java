package org.inferbench.roofline.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe measures positive roofs, and its cache answers repeat calls until a refresh asks again. */
final class ProbeTest {
  @TempDir Path cache;

  @Test
  void smallProbeMeasuresBothRoofs() throws Exception {
    // 256 MiB, 2 passes, one shape for 0.2 s: the real code paths at a tenth of the cost
    ProbeResult r = Probe.measure(1, 256L << 20, 2, 1, 200_000_000L);
    assertThat(r.bandwidthBytesPerS()).isPositive().isFinite();
    assertThat(r.peakFlopsPerS()).isPositive().isFinite();
    assertThat(r.threads()).isEqualTo(1);
    assertThat(r.details()).containsKeys("bandwidth_buffer_bytes", "matmul_flops_per_s");
    assertThat(r.details().get("matmul_flops_per_s")).isEqualTo(Map.of("128x768x768", r.peakFlopsPerS()));
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
    assertThat(cache.resolve("probe/abc_123-threads2.json")).isRegularFile();
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
