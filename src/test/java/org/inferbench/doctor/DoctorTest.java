package org.inferbench.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor reads /proc and /sys under a root: where a container or VM hides a file it says "not visible here"
 * instead of guessing, and where the files say the machine will move the numbers it warns with what to do.
 */
final class DoctorTest {
  private static Map<String, Finding> byCheck(List<Finding> findings) {
    return findings.stream().collect(Collectors.toMap(Finding::check, Function.identity()));
  }

  private static void write(Path root, String file, String text) throws Exception {
    Path p = root.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void whatAContainerHidesIsNotVisibleHere(@TempDir Path root) {
    Map<String, Finding> f = byCheck(new Doctor(root, 2, 0).examine());
    for (String check : List.of("CPU governor", "turbo / boost", "SMT (hyper-threads)", "other load", "CPU steal",
        "cgroup CPU limit", "memory", "transparent huge pages", "clock probe")) {
      assertThat(f.get(check).state()).as(check).isEqualTo(Finding.NOT_VISIBLE);
      assertThat(f.get(check).verdict()).isEqualTo(Finding.Verdict.NOT_VISIBLE);
    }
    assertThat(f.get("JVM").state()).contains(Runtime.version().toString());
  }

  @Test
  void aMachineThatWillMoveTheNumbersIsWarnedAbout(@TempDir Path root) throws Exception {
    write(root, "sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "powersave\n");
    write(root, "sys/devices/system/cpu/cpu1/cpufreq/scaling_governor", "powersave\n");
    write(root, "sys/devices/system/cpu/intel_pstate/no_turbo", "0\n");
    write(root, "sys/devices/system/cpu/smt/active", "1\n");
    write(root, "proc/loadavg", "3.50 2.00 1.00 3/200 999\n");
    write(root, "sys/fs/cgroup/cpu.max", "50000 100000\n");
    write(root, "proc/meminfo", "MemTotal: 8000000 kB\nMemFree: 100000 kB\nMemAvailable: 500000 kB\n"
        + "SwapTotal: 1000000 kB\nSwapFree: 500000 kB\n");
    write(root, "sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never\n");
    Map<String, Finding> f = byCheck(new Doctor(root, 2, 0).examine());
    assertThat(f.get("CPU governor").state()).isEqualTo("powersave");
    assertThat(f.get("CPU governor").advice()).contains("performance");
    assertThat(f.get("turbo / boost").state()).isEqualTo("on");
    assertThat(f.get("SMT (hyper-threads)").verdict()).isEqualTo(Finding.Verdict.WARN);
    assertThat(f.get("other load").state()).isEqualTo("load average 3.50 on 2 cores");
    assertThat(f.get("cgroup CPU limit").state()).startsWith("0.50 CPUs");
    assertThat(f.get("memory").verdict()).isEqualTo(Finding.Verdict.WARN);
    assertThat(f.get("transparent huge pages").state()).isEqualTo("always");
    for (String check : List.of("CPU governor", "turbo / boost", "SMT (hyper-threads)", "other load",
        "cgroup CPU limit", "memory", "transparent huge pages")) {
      assertThat(f.get(check).verdict()).as(check).isEqualTo(Finding.Verdict.WARN);
      assertThat(f.get(check).advice()).as(check).isNotBlank();
    }
  }

  @Test
  void aQuietTunedMachineIsOk(@TempDir Path root) throws Exception {
    write(root, "sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "performance\n");
    write(root, "sys/devices/system/cpu/cpufreq/boost", "0\n");
    write(root, "sys/devices/system/cpu/smt/active", "0\n");
    write(root, "proc/loadavg", "0.10 0.05 0.01 1/100 42\n");
    write(root, "sys/fs/cgroup/cpu.max", "max 100000\n");
    write(root, "sys/kernel/mm/transparent_hugepage/enabled", "always [madvise] never\n");
    Map<String, Finding> f = byCheck(new Doctor(root, 1, 0).examine());
    for (String check : List.of("CPU governor", "turbo / boost", "SMT (hyper-threads)", "other load",
        "cgroup CPU limit", "transparent huge pages")) {
      assertThat(f.get(check).verdict()).as(check).isEqualTo(Finding.Verdict.OK);
    }
  }
}
