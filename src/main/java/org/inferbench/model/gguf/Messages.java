package org.inferbench.model.gguf;

import java.nio.file.Path;

/** Bad-input messages are one line: text taken from a file (keys, tensor names) or a path is escaped and cut short. */
final class Messages {
  private static final int MAX_QUOTED = 80;

  private Messages() {}

  /** {@code s} quoted, control characters escaped, cut to 80 characters; for names read from a file. */
  static String quote(String s) {
    return "'" + escape(s, MAX_QUOTED) + "'";
  }

  /** The file's path for a message prefix, on one line. */
  static String file(Path file) {
    return oneLine(file.toString());
  }

  /** {@code s} (say an operating system's error text) with control characters escaped. */
  static String oneLine(String s) {
    return escape(String.valueOf(s), Integer.MAX_VALUE);
  }

  private static String escape(String s, int max) {
    StringBuilder b = new StringBuilder();
    int n = Math.min(s.length(), max);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (s.length() > max) {
      b.append("...");
    }
    return b.toString();
  }
}
