package org.inferbench.measure;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One reading of the kernel's counters that tell noise apart (Linux; each part absent where its file is not
 * readable): machine CPU time from /proc/stat, this process's from /proc/self/stat, the cgroup's throttling from
 * cpu.stat (v2, else v1), context switches summed over this process's threads, the mean CPU clock from
 * /proc/cpuinfo.
 */
record NoiseCounters(long nanos, long busyTicks, long stealTicks, long selfTicks, long minorFaults, long majorFaults,
    long voluntarySwitches, long involuntarySwitches, long throttledPeriods, long throttledNanos, double cpuMhz) {
  /** USER_HZ: every Linux ABI since 2.6 fixes it at 100 for the files read here. */
  static final double TICKS_PER_S = 100;
  /** The machine's CPUs, as /proc/stat counts them: steal is machine-wide, whatever a pinned worker may use. */
  static final int CPUS = machineCpus();
  private static final List<Path> CPU_STAT = List.of(Path.of("/sys/fs/cgroup/cpu.stat"),
      Path.of("/sys/fs/cgroup/cpu,cpuacct/cpu.stat"), Path.of("/sys/fs/cgroup/cpu/cpu.stat"));

  static NoiseCounters read() {
    long nanos = System.nanoTime();
    long busy = -1;
    long steal = -1;
    String cpu = firstLine(Path.of("/proc/stat"));
    if (cpu != null && cpu.startsWith("cpu ")) {
      String[] f = cpu.trim().split("\\s+");
      // user nice system idle iowait irq softirq steal: busy is what ran, idle and iowait are not
      busy = num(f, 1) + num(f, 2) + num(f, 3) + num(f, 6) + num(f, 7);
      steal = num(f, 8);
    }
    long self = -1;
    long minflt = -1;
    long majflt = -1;
    String stat = firstLine(Path.of("/proc/self/stat"));
    if (stat != null && stat.lastIndexOf(')') > 0) {
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields from 3 (state) on: minflt 10, majflt 12, utime 14, stime 15
      minflt = num(f, 7);
      majflt = num(f, 9);
      self = num(f, 11) + num(f, 12);
    }
    long[] switches = switches();
    long[] throttle = throttle();
    return new NoiseCounters(nanos, busy, steal, self, minflt, majflt, switches[0], switches[1], throttle[0],
        throttle[1], readCpuMhz());
  }

  /** Sums of the counters between readings, over every measured interval. */
  static final class Totals {
    long wallNanos;
    long busyTicks;
    long stealTicks;
    long selfTicks;
    long minorFaults;
    long majorFaults;
    long voluntarySwitches;
    long involuntarySwitches;
    long throttledPeriods;
    long throttledNanos;
    boolean cpuReadable = true;
    boolean faultsReadable = true;
    boolean switchesReadable = true;
    boolean throttleReadable = true;

    void add(NoiseCounters a, NoiseCounters b) {
      wallNanos += b.nanos - a.nanos;
      cpuReadable &= a.busyTicks >= 0 && b.busyTicks >= 0 && a.selfTicks >= 0;
      if (cpuReadable) {
        busyTicks += b.busyTicks - a.busyTicks;
        stealTicks += b.stealTicks - a.stealTicks;
        selfTicks += b.selfTicks - a.selfTicks;
      }
      faultsReadable &= a.minorFaults >= 0 && b.minorFaults >= 0;
      if (faultsReadable) {
        minorFaults += b.minorFaults - a.minorFaults;
        majorFaults += b.majorFaults - a.majorFaults;
      }
      switchesReadable &= a.voluntarySwitches >= 0 && b.voluntarySwitches >= 0;
      if (switchesReadable) {
        // a thread that ended between readings takes its counts with it: never below zero
        voluntarySwitches += Math.max(0, b.voluntarySwitches - a.voluntarySwitches);
        involuntarySwitches += Math.max(0, b.involuntarySwitches - a.involuntarySwitches);
      }
      throttleReadable &= a.throttledPeriods >= 0 && b.throttledPeriods >= 0;
      if (throttleReadable) {
        throttledPeriods += b.throttledPeriods - a.throttledPeriods;
        throttledNanos += b.throttledNanos - a.throttledNanos;
      }
    }
  }

  private static long[] switches() {
    long vol = 0;
    long invol = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path t : tasks) {
        try {
          for (String line : Files.readAllLines(t.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) vol += Long.parseLong(line.substring(24).trim());
            if (line.startsWith("nonvoluntary_ctxt_switches:")) invol += Long.parseLong(line.substring(27).trim());
          }
        } catch (IOException | NumberFormatException e) {
          // the thread ended while being read
        }
      }
    } catch (IOException e) {
      return new long[] {-1, -1};
    }
    return new long[] {vol, invol};
  }

  /** {nr_throttled, throttled ns}; {-1, -1} where no cgroup CPU controller is visible. */
  private static long[] throttle() {
    for (Path p : CPU_STAT) {
      try {
        long periods = -1;
        long ns = 0;
        for (String line : Files.readAllLines(p)) {
          String[] kv = line.split(" ");
          if (kv.length != 2) continue;
          switch (kv[0]) {
            case "nr_throttled" -> periods = Long.parseLong(kv[1]);
            case "throttled_usec" -> ns = Long.parseLong(kv[1]) * 1000;
            case "throttled_time" -> ns = Long.parseLong(kv[1]);
            default -> { }
          }
        }
        if (periods >= 0) return new long[] {periods, ns};
      } catch (IOException | NumberFormatException e) {
        // try the next layout
      }
    }
    return new long[] {-1, -1};
  }

  /** The mean "cpu MHz" over processors, NaN where /proc/cpuinfo has none (some VMs, ARM). */
  private static double readCpuMhz() {
    try {
      double sum = 0;
      int n = 0;
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("cpu MHz")) {
          sum += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
          n++;
        }
      }
      return n == 0 ? Double.NaN : sum / n;
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static int machineCpus() {
    try {
      int n = (int) Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("cpu\\d+ .*")).count();
      return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    } catch (IOException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }

  private static String firstLine(Path p) {
    try (var r = Files.newBufferedReader(p)) {
      return r.readLine();
    } catch (IOException e) {
      return null;
    }
  }

  private static long num(String[] f, int i) {
    try {
      return i < f.length ? Long.parseLong(f[i]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
