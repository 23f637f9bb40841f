package org.inferbench.engine.llamacpp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One directory per process for the binding's extracted native library and llama.cpp's log files. The binding
 * extracts its library into {@code de.kherud.llama.tmpdir} (default: java.io.tmpdir) after deleting every file
 * there named jllama* or llama* (LlamaLoader.cleanup in 4.2.0), so a shared directory would lose other programs'
 * files and race with other processes loading at the same time. A process that aborts leaves its directory behind:
 * the next one removes directories whose process is gone.
 */
final class NativeDirectory {
  private static final String PREFIX = "inferbench-llamacpp-";
  private static final String PROPERTY = "de.kherud.llama.tmpdir";

  private NativeDirectory() {}

  static synchronized Path get() throws IOException {
    String set = System.getProperty(PROPERTY);
    if (set != null) return Path.of(set);
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    removeStale(tmp);
    Path dir = Files.createTempDirectory(tmp, PREFIX);
    dir.toFile().deleteOnExit(); // deleted last: files registered later go first
    Path pid = dir.resolve("pid");
    Files.writeString(pid, Long.toString(ProcessHandle.current().pid()));
    pid.toFile().deleteOnExit();
    System.setProperty(PROPERTY, dir.toString());
    return dir;
  }

  /** A log file in the directory; not named llama* or jllama*, which the binding deletes on its first load. */
  static Path newLogFile() throws IOException {
    Path log = Files.createTempFile(get(), "native-", ".log");
    log.toFile().deleteOnExit();
    return log;
  }

  private static void removeStale(Path tmp) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
      for (Path d : dirs) {
        if (!alive(d)) deleteTree(d);
      }
    } catch (IOException | RuntimeException e) {
      // leftovers cost disk space only
    }
  }

  private static boolean alive(Path dir) {
    try {
      long pid = Long.parseLong(Files.readString(dir.resolve("pid")).trim());
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return true; // not ours to judge (being created, or written by someone else)
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
