package org.inferbench.doctor;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Reads what will move a benchmark's numbers on this machine, as pyperf's {@code system show} does: CPU governor and
 * boost, SMT siblings, other load and steal, cgroup CPU limits, memory and transparent huge pages, the clock over a
 * short busy probe, and the JVM. It only reads; changing the machine stays the user's call. Every file is read under
 * a root (normally {@code /}), so a container's or VM's hidden parts answer "not visible here" rather than a guess.
 */
public final class Doctor {
  /** Load above this share of the cores, before measuring, is somebody else's work in the measurements. */
  static final double LOAD_SHARE = 0.25;
  /** The probe's iterations differing by more than this (CV) say the clock or the scheduler moves. */
  static final double PROBE_CV = 0.03;

  private final Path root;
  private final int cores;
  private final double probeSeconds;

  /**
   * @param root where /proc and /sys are read from ({@code /} on a real machine)
   * @param probeSeconds how long the clock probe busy-loops (0 skips it)
   */
  public Doctor(Path root, int cores, double probeSeconds) {
    this.root = root;
    this.cores = cores;
    this.probeSeconds = probeSeconds;
  }

  public static Doctor ofThisMachine() {
    return new Doctor(Path.of("/"), Runtime.getRuntime().availableProcessors(), 1.0);
  }

  public List<Finding> examine() {
    List<Finding> out = new ArrayList<>();
    out.add(governor());
    out.add(boost());
    out.add(smt());
    out.add(load());
    out.add(steal());
    out.add(cgroupCpu());
    out.add(memory());
    out.add(hugePages());
    out.add(ClockProbe.run(probeSeconds, PROBE_CV));
    out.add(jvm());
    return out;
  }

  Finding governor() {
    TreeSet<String> governors = new TreeSet<>();
    for (int cpu = 0; cpu < Math.max(1, cores); cpu++) {
      String g = read("sys/devices/system/cpu/cpu" + cpu + "/cpufreq/scaling_governor");
      if (g != null) governors.add(g);
    }
    if (governors.isEmpty()) return Finding.hidden("CPU governor", "no cpufreq in /sys (a VM or container sets it"
        + " outside)");
    String state = String.join(", ", governors);
    return governors.equals(new TreeSet<>(List.of("performance"))) ? Finding.ok("CPU governor", state)
        : Finding.warn("CPU governor", state, "the clock follows the load: as root, `cpupower frequency-set -g"
            + " performance` for the measurement");
  }

  Finding boost() {
    String noTurbo = read("sys/devices/system/cpu/intel_pstate/no_turbo");
    String boost = read("sys/devices/system/cpu/cpufreq/boost");
    if (noTurbo == null && boost == null) return Finding.hidden("turbo / boost", "no intel_pstate or cpufreq boost"
        + " switch in /sys");
    boolean on = noTurbo != null ? noTurbo.equals("0") : boost.equals("1");
    return on ? Finding.warn("turbo / boost", "on", "the clock rises and falls with temperature and the other cores:"
        + " as root, write 1 to intel_pstate/no_turbo (or 0 to cpufreq/boost) for steadier figures")
        : Finding.ok("turbo / boost", "off");
  }

  Finding smt() {
    String active = read("sys/devices/system/cpu/smt/active");
    if (active == null) return Finding.hidden("SMT (hyper-threads)", "no /sys/devices/system/cpu/smt");
    return active.equals("1") ? Finding.warn("SMT (hyper-threads)", "active", "two threads on sibling hyper-threads"
        + " share one core: use --threads at most the physical cores, or --pin-cpus one thread per core")
        : Finding.ok("SMT (hyper-threads)", "off");
  }

  Finding load() {
    String avg = read("proc/loadavg");
    if (avg == null) return Finding.hidden("other load", "no /proc/loadavg");
    double one = Double.parseDouble(avg.split("\\s+")[0]);
    String state = String.format(Locale.ROOT, "load average %.2f on %d cores", one, cores);
    return one > LOAD_SHARE * cores ? Finding.warn("other load", state, "other work shares the cores and its changes"
        + " land in your numbers: measure when the machine is quiet, in forks (--forks) spread over time")
        : Finding.ok("other load", state);
  }

  Finding steal() {
    long[] before = cpuTicks();
    if (before == null) return Finding.hidden("CPU steal", "no /proc/stat");
    if (before.length < 8) return Finding.hidden("CPU steal", "/proc/stat has no steal column");
    sleep(300);
    long[] after = cpuTicks();
    long total = 0;
    for (int i = 0; i < Math.min(before.length, after.length); i++) total += after[i] - before[i];
    long stolen = after[7] - before[7];
    double pct = total > 0 ? 100.0 * stolen / total : 0;
    String state = String.format(Locale.ROOT, "%.1f %% over 0.3 s", pct);
    return pct >= 1 ? Finding.warn("CPU steal", state, "the hypervisor gives the vCPUs to other guests: a dedicated"
        + " host or instance type, or forks spread over time") : Finding.ok("CPU steal", state);
  }

  Finding cgroupCpu() {
    String max = read("sys/fs/cgroup/cpu.max");
    if (max != null) {
      String[] p = max.split("\\s+");
      if (p[0].equals("max")) return Finding.ok("cgroup CPU limit", "none (cpu.max " + max + ")");
      double limit = Double.parseDouble(p[0]) / Double.parseDouble(p[1]);
      return Finding.warn("cgroup CPU limit", String.format(Locale.ROOT, "%.2f CPUs (cpu.max %s)", limit, max),
          "the scheduler throttles the container each period: use at most that many threads, or raise the limit");
    }
    String quota = read("sys/fs/cgroup/cpu/cpu.cfs_quota_us");
    if (quota == null) return Finding.hidden("cgroup CPU limit", "no cpu.max or cpu.cfs_quota_us in /sys/fs/cgroup");
    return quota.equals("-1") ? Finding.ok("cgroup CPU limit", "none (cfs_quota_us -1)")
        : Finding.warn("cgroup CPU limit", "cfs_quota_us " + quota, "the container is throttled each period: use"
            + " fewer threads, or raise the limit");
  }

  Finding memory() {
    String info = read("proc/meminfo");
    if (info == null) return Finding.hidden("memory", "no /proc/meminfo");
    long total = kb(info, "MemTotal");
    long available = kb(info, "MemAvailable");
    long swapUsed = kb(info, "SwapTotal") - kb(info, "SwapFree");
    if (total <= 0 || available < 0) return Finding.hidden("memory", "/proc/meminfo without MemAvailable");
    String state = String.format(Locale.ROOT, "%.1f of %.1f GiB available, swap used %.0f MiB", available / 1048576.0,
        total / 1048576.0, Math.max(0, swapUsed) / 1024.0);
    if (available < total / 5 || swapUsed > 100 * 1024) {
      return Finding.warn("memory", state, "little memory left or swap in use: a model paged out mid-run is measured"
          + " as slow; close other work or use a smaller model");
    }
    return Finding.ok("memory", state);
  }

  Finding hugePages() {
    String thp = read("sys/kernel/mm/transparent_hugepage/enabled");
    if (thp == null) return Finding.hidden("transparent huge pages", "no /sys/kernel/mm/transparent_hugepage");
    int open = thp.indexOf('[');
    String mode = open >= 0 ? thp.substring(open + 1, thp.indexOf(']', open)) : thp;
    return mode.equals("always") ? Finding.warn("transparent huge pages", mode, "khugepaged compacts memory in the"
        + " background at times of its own; `madvise` (as root) keeps it to those that ask")
        : Finding.ok("transparent huge pages", mode);
  }

  static Finding jvm() {
    var rt = ManagementFactory.getRuntimeMXBean();
    List<String> gcs = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) gcs.add(gc.getName());
    String state = rt.getVmName() + " " + Runtime.version() + ", heap max "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, GC " + String.join(" + ", gcs);
    return Finding.ok("JVM", state);
  }

  private long[] cpuTicks() {
    String stat = read("proc/stat");
    if (stat == null) return null;
    String cpu = stat.lines().filter(l -> l.startsWith("cpu ")).findFirst().orElse(null);
    if (cpu == null) return null;
    String[] p = cpu.trim().split("\\s+");
    long[] ticks = new long[p.length - 1];
    for (int i = 1; i < p.length; i++) ticks[i - 1] = Long.parseLong(p[i]);
    return ticks;
  }

  private static long kb(String meminfo, String key) {
    return meminfo.lines().filter(l -> l.startsWith(key + ":")).findFirst()
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(-1L);
  }

  /** The file's trimmed text, or null where it does not exist or cannot be read. */
  private String read(String relative) {
    try {
      Path p = root.resolve(relative);
      return Files.isReadable(p) ? Files.readString(p).trim() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
