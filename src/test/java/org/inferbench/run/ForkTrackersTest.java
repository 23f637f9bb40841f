package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forks' tracker readings as one configuration's: the worst fork's peak, counts summed (each fork compiles and
 * collects anew), rates weighted by each fork's measured seconds, anything else the first fork's.
 */
final class ForkTrackersTest {
  @Test
  void peaksAreTheWorstCountsAddUpAndRatesAreTimeWeighted() {
    Map<String, Object> a = Map.of("peak_rss_mb", 100.0, "gc_count", 2L, "jit_compile_ms", 300.0,
        "memory_method", "vmhwm", "noise", Map.of("measured_s", 1.0, "other_cpu_cores", 0.1, "cpu_mhz_min", 2000.0,
            "major_faults", 1L));
    Map<String, Object> b = Map.of("peak_rss_mb", 120.0, "gc_count", 1L, "jit_compile_ms", 200.0,
        "memory_method", "sampled-vmrss", "noise", Map.of("measured_s", 3.0, "other_cpu_cores", 0.5,
            "cpu_mhz_min", 1800.0, "major_faults", 0L));
    Map<String, Object> m = ForkTrackers.merge(List.of(a, b));
    assertThat(m).containsEntry("peak_rss_mb", 120.0).containsEntry("gc_count", 3L)
        .containsEntry("jit_compile_ms", 500.0).containsEntry("memory_method", "vmhwm");
    @SuppressWarnings("unchecked")
    Map<String, Object> noise = (Map<String, Object>) m.get("noise");
    assertThat(noise).containsEntry("measured_s", 4.0).containsEntry("other_cpu_cores", 0.4)
        .containsEntry("cpu_mhz_min", 1800.0).containsEntry("major_faults", 1L);
    assertThat(ForkTrackers.merge(List.of(a))).isEqualTo(a);
  }
}
