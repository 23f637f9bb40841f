package org.inferbench.engine.llamacpp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Physical cores this process may use, as llama.cpp's common cpu_get_num_physical_cores counts them on Linux
 * (distinct thread_siblings lists), capped by the processors the JVM is given; the JVM's count where sysfs says
 * nothing.
 */
final class PhysicalCores {
  private PhysicalCores() {}

  static int count() {
    int logical = Runtime.getRuntime().availableProcessors();
    Set<String> siblings = new HashSet<>();
    for (int cpu = 0; cpu < 4096; cpu++) {
      Path p = Path.of("/sys/devices/system/cpu/cpu" + cpu + "/topology/thread_siblings");
      if (!Files.exists(p)) break;
      try {
        siblings.add(Files.readString(p).trim());
      } catch (java.io.IOException e) {
        return logical;
      }
    }
    return siblings.isEmpty() ? logical : Math.max(1, Math.min(logical, siblings.size()));
  }
}
