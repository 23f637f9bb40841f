package org.inferbench.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.inferbench.results.EnvironmentRecord;

/** Captures the machine and software a result is measured on (Linux files where present, JVM properties else). */
public final class EnvironmentSnapshot {
  /** The CPU features that change which kernels an engine can use. */
  private static final List<String> INTERESTING_FLAGS = List.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f",
      "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16");

  private EnvironmentSnapshot() {}

  public static EnvironmentRecord capture(String engine, String engineVersion, Map<String, String> engineSettings) {
    String cpuModel = System.getProperty("os.arch");
    List<String> flags = new ArrayList<>();
    for (String line : lines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name") && cpuModel.equals(System.getProperty("os.arch"))) {
        cpuModel = line.substring(line.indexOf(':') + 1).trim();
      } else if (line.startsWith("flags") && flags.isEmpty()) {
        List<String> present = List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
        for (String f : INTERESTING_FLAGS) {
          if (present.contains(f)) flags.add(f);
        }
      }
    }
    long memMb = -1;
    for (String line : lines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        memMb = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        break;
      }
    }
    if (memMb < 0 && ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      memMb = os.getTotalMemorySize() / 1048576;
    }
    String osName = System.getProperty("os.name");
    for (String line : lines(Path.of("/etc/os-release"))) {
      if (line.startsWith("PRETTY_NAME=")) osName = line.substring(12).replace("\"", "");
    }
    String governor = first(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"));
    Map<String, String> extra = new TreeMap<>();
    String load = first(Path.of("/proc/loadavg"));
    if (load != null) extra.put("loadavg_at_start", load);
    extra.put("jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    String host = hostName();
    if (host != null) extra.put("host", host);
    return new EnvironmentRecord(cpuModel, Runtime.getRuntime().availableProcessors(), flags, memMb, osName,
        System.getProperty("os.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        ToolVersion.version(), ToolVersion.gitCommit(), engine, engineVersion, new TreeMap<>(engineSettings),
        governor, extra);
  }

  /** The machine's name: machines of one kind share a fingerprint, so a fleet's records say which one ran them. */
  private static String hostName() {
    String h = first(Path.of("/proc/sys/kernel/hostname"));
    if (h == null || h.isBlank()) h = System.getenv("HOSTNAME");
    return h == null || h.isBlank() ? null : h.trim();
  }

  private static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (IOException | SecurityException e) {
      return List.of();
    }
  }

  private static String first(Path p) {
    List<String> l = lines(p);
    return l.isEmpty() ? null : l.get(0).trim();
  }
}
