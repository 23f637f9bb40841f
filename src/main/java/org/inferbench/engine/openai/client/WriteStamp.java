package org.inferbench.engine.openai.client;

/**
 * Reads the ground-truth server's {@code "inferbench_write_ns": <epoch ns>} from a chunk's data by scanning, not
 * parsing: only that server sends it, and every other chunk should pay one failed substring search, not a second
 * JSON parse.
 */
final class WriteStamp {
  private static final String FIELD = "\"inferbench_write_ns\"";
  /** On the first chunk: when the request reached the server. */
  private static final String ARRIVAL = "\"inferbench_arrival_ns\"";

  private WriteStamp() {}

  /** The value, or -1 when the data has no such field or it is not a non-negative integer. */
  static long read(String data) {
    return read(data, FIELD);
  }

  /** The server's {@code inferbench_arrival_ns}, or -1. */
  static long arrival(String data) {
    return read(data, ARRIVAL);
  }

  private static long read(String data, String field) {
    int at = data.indexOf(field);
    if (at < 0) {
      return -1;
    }
    int i = at + field.length();
    while (i < data.length() && (data.charAt(i) == ' ' || data.charAt(i) == ':')) {
      i++;
    }
    long value = 0;
    int digits = 0;
    while (i < data.length() && Character.isDigit(data.charAt(i)) && digits < 19) {
      value = value * 10 + (data.charAt(i++) - '0');
      digits++;
    }
    return digits == 0 ? -1 : value;
  }
}
