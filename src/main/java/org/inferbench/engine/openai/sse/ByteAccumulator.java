package org.inferbench.engine.openai.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array, reused for the life of a parser so that steady-state parsing allocates only the strings it
 * hands out. Bytes stay bytes until an event is complete: decoding whole values makes a UTF-8 character split across
 * two reads a non-event.
 */
final class ByteAccumulator {
  private byte[] bytes;
  private int size;

  ByteAccumulator(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  void append(byte[] src, int from, int length) {
    ensure(size + length);
    System.arraycopy(src, from, bytes, size, length);
    size += length;
  }

  void append(byte b) {
    ensure(size + 1);
    bytes[size++] = b;
  }

  byte[] array() {
    return bytes;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    size = 0;
  }

  /** The first {@code length} bytes as UTF-8; malformed sequences become U+FFFD, as the standard's decoder does. */
  String decode(int length) {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private void ensure(int capacity) {
    if (capacity > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
    }
  }
}
