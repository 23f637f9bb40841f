package org.inferbench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's memory figures from /proc/self/status (Linux). */
public final class ProcStatus {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private ProcStatus() {}

  /** A field such as VmRSS or VmHWM in kB, or -1 where not readable (not Linux). */
  public static long kb(String field) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** A field's text, such as Cpus_allowed_list, or null where not readable (not Linux). */
  public static String text(String field) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(field + ":")) return line.substring(field.length() + 1).trim();
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /** Resets the peak (VmHWM) to the current RSS; false where the kernel does not allow it. */
  public static boolean resetPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5");
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }
}
