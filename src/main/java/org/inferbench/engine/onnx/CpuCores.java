package org.inferbench.engine.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Physical core count, which is what ORT's intra-op default uses; logical processors where Linux does not say. */
final class CpuCores {
  private CpuCores() {}

  static int physical() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      Set<String> cores = new HashSet<>();
      String physicalId = "0";
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon < 0) continue;
        String key = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (key.equals("physical id")) physicalId = value;
        if (key.equals("core id")) cores.add(physicalId + "/" + value);
      }
      if (!cores.isEmpty()) return cores.size();
    } catch (IOException | RuntimeException e) {
      // not Linux or unreadable: fall through
    }
    return Runtime.getRuntime().availableProcessors();
  }
}
