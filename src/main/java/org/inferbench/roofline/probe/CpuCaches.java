package org.inferbench.roofline.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The size of the last-level CPU cache from Linux sysfs, so the bandwidth buffer can be checked against it. */
final class CpuCaches {
  private CpuCaches() {}

  /** Bytes of the highest-level cache of CPU 0, or 0 where sysfs does not say. */
  static long lastLevelBytes() {
    return lastLevelBytes(Path.of("/sys/devices/system/cpu/cpu0/cache"));
  }

  static long lastLevelBytes(Path cacheDir) {
    if (!Files.isDirectory(cacheDir)) return 0;
    int bestLevel = -1;
    long bytes = 0;
    try (Stream<Path> dirs = Files.list(cacheDir)) {
      for (Path index : dirs.filter(p -> p.getFileName().toString().startsWith("index")).toList()) {
        Path levelFile = index.resolve("level");
        Path sizeFile = index.resolve("size");
        if (!Files.isReadable(levelFile) || !Files.isReadable(sizeFile)) continue;
        int level = Integer.parseInt(Files.readString(levelFile).trim());
        long size = parseSize(Files.readString(sizeFile).trim());
        if (level > bestLevel || (level == bestLevel && size > bytes)) {
          bestLevel = level;
          bytes = size;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return bytes;
  }

  /** "32768K" → 33,554,432; sysfs uses K and M suffixes. */
  static long parseSize(String text) {
    char unit = Character.toUpperCase(text.charAt(text.length() - 1));
    return switch (unit) {
      case 'K' -> Long.parseLong(text.substring(0, text.length() - 1)) << 10;
      case 'M' -> Long.parseLong(text.substring(0, text.length() - 1)) << 20;
      case 'G' -> Long.parseLong(text.substring(0, text.length() - 1)) << 30;
      default -> Long.parseLong(text);
    };
  }
}
