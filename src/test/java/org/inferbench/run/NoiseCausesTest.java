package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.inferbench.InferBench;
import org.inferbench.results.EnvironmentRecord;
import org.inferbench.results.ResultRecord;
import org.inferbench.testing.TimingRetry;
import org.inferbench.workload.Isolation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every record counts what else ran and names the likely causes; other load is named when, and only when, it ran. */
final class NoiseCausesTest {
  private static final EnvironmentRecord ENV = new EnvironmentRecord("cpu", 2, List.of(), 1024, "Linux", "6", "jvm",
      "t", null, "calibration", "1", Map.of(), "performance", Map.of());

  @Test
  void eachCountedCauseIsNamedAboveItsThreshold() {
    Map<String, Object> quiet = Map.of("noise", Map.of("measured_s", 2.0, "other_cpu_cores", 0.05, "steal_pct", 0.0,
        "throttled_periods", 0, "cpu_mhz_min", 2400.0, "cpu_mhz_max", 2410.0, "major_faults", 0,
        "involuntary_switches", 40), "gc_count", 0, "jit_compile_ms", 3.0);
    assertThat(NoiseCauses.likely(quiet, ENV, 2)).isEmpty();
    Map<String, Object> loud = Map.of("noise", Map.of("measured_s", 2.0, "other_cpu_cores", 0.9, "steal_pct", 4.0,
        "throttled_periods", 3, "throttled_ms", 120.0, "cpu_mhz_min", 1800.0, "cpu_mhz_max", 2400.0,
        "major_faults", 12, "involuntary_switches", 4000), "gc_count", 2, "gc_pause_ms", 40.0, "jit_compile_ms", 400.0);
    assertThat(NoiseCauses.likely(loud, ENV, 4)).containsExactly(
        "other load (other processes used 0.9 of 2 cores while it ran)",
        "CPU steal 4 % (the hypervisor ran another guest)",
        "cgroup CPU throttling (3 periods, 120 ms)",
        "frequency change (1800–2400 MHz)",
        "12 major page faults (reads from disk or swap)",
        "preempted 2000 times/s (involuntary context switches)",
        "2 GC pauses (40 ms)",
        "JIT compilation 400 ms (more warmup?)",
        "thread oversubscription (threads 4 > 2 cores)");
    // the same pauses and compiling beside 25 s of requests are too small a share to move the mean
    Map<String, Object> long25s = Map.of("noise", Map.of("measured_s", 25.0), "gc_count", 2, "gc_pause_ms", 40.0,
        "jit_compile_ms", 400.0);
    assertThat(NoiseCauses.likely(long25s, ENV, 2)).isEmpty();
    assertThat(NoiseCauses.describe(0.2, List.of())).startsWith("noisy: headline CV 20 % > 10 %; no cause visible");
  }

  @Test
  @Tag("timing")
  void aBusyLoopBesideTheMeasurementIsNamedAsOtherLoadAndOnlyThen() throws Exception {
    TimingRetry.retry("noise: quiet machine", () -> {
      ResultRecord r = measure(false);
      assertThat(causes(r)).as("noise %s", r.trackers().extra().get("noise")).noneMatch(c -> c.startsWith("other load"));
    });
    TimingRetry.retry("noise: busy loop", () -> {
      ResultRecord r = measure(true);
      assertThat(causes(r)).as("noise %s", r.trackers().extra().get("noise")).anyMatch(c -> c.startsWith("other load"));
    });
  }

  /** A worker process measures; the loop, when asked for, spins in this JVM: another process to the worker. */
  private static ResultRecord measure(boolean busy) throws Exception {
    AtomicBoolean spin = new AtomicBoolean(busy);
    Thread loop = new Thread(() -> {
      long x = 0;
      while (spin.get()) x += System.nanoTime() & 1;
      if (x == 42) System.out.print("");
    }, "busy-loop");
    loop.setDaemon(true);
    if (busy) loop.start();
    try {
      List<ResultRecord> r = InferBench.workload().model("n").engine("calibration")
          .engineOpt("prefill-us-per-token", "600").prompt(16).output(1).warmup(2).runs(60)
          .isolate(Isolation.PROCESS).run();
      assertThat(r.get(0).ok()).isTrue();
      return r.get(0);
    } finally {
      spin.set(false);
      loop.join();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> causes(ResultRecord r) {
    Map<String, Object> noise = (Map<String, Object>) r.trackers().extra().get("noise");
    assertThat(noise).containsKeys("other_cpu_cores", "self_cpu_cores", "measured_s", "minor_faults",
        "involuntary_switches", "likely_causes");
    return (List<String>) noise.get("likely_causes");
  }
}
