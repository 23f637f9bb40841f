package org.inferbench.engine.openai.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interprets the lines of an event stream (the standard's "process the field" and "dispatch the event" steps):
 * comments are skipped, {@code data:} values are appended with a line feed, {@code event:}, {@code id:} and
 * {@code retry:} are kept, any other field is ignored, and a blank line dispatches. Field names are compared as bytes
 * so that a line costs no allocation unless it carries a value the event will hold.
 */
final class EventAssembler {
  private static final byte[] DATA = ascii("data");
  private static final byte[] EVENT = ascii("event");
  private static final byte[] ID = ascii("id");
  private static final byte[] RETRY = ascii("retry");

  private final SseListener listener;
  private final ByteAccumulator data = new ByteAccumulator(256);
  private String type = "";
  private String lastEventId = "";
  private long retryMillis = -1;
  /** A field line came after the last blank line: ending the stream now would discard it. */
  private boolean pending;

  EventAssembler(SseListener listener) {
    this.listener = listener;
  }

  /** One line, without its line end: {@code src[from, to)}. */
  void line(byte[] src, int from, int to, long arrivalNanos) {
    if (from == to) {
      dispatch(arrivalNanos);
      return;
    }
    if (src[from] == ':') {
      return; // a comment: servers send them as keep-alives
    }
    pending = true;
    int colon = indexOf(src, from, to, (byte) ':');
    int nameEnd = colon < 0 ? to : colon;
    int valueFrom = colon < 0 ? to : colon + 1;
    if (valueFrom < to && src[valueFrom] == ' ') {
      valueFrom++; // exactly one leading space belongs to the syntax, any further ones to the value
    }
    if (named(DATA, src, from, nameEnd)) {
      data.append(src, valueFrom, to - valueFrom);
      data.append((byte) '\n');
    } else if (named(EVENT, src, from, nameEnd)) {
      type = new String(src, valueFrom, to - valueFrom, StandardCharsets.UTF_8);
    } else if (named(ID, src, from, nameEnd)) {
      if (indexOf(src, valueFrom, to, (byte) 0) < 0) {
        lastEventId = new String(src, valueFrom, to - valueFrom, StandardCharsets.UTF_8);
      }
    } else if (named(RETRY, src, from, nameEnd)) {
      retry(src, valueFrom, to);
    }
  }

  boolean pending() {
    return pending;
  }

  String lastEventId() {
    return lastEventId;
  }

  long retryMillis() {
    return retryMillis;
  }

  /** End of stream: what was not dispatched is dropped. */
  void discard() {
    data.clear();
    type = "";
    pending = false;
  }

  private void dispatch(long arrivalNanos) {
    pending = false;
    if (data.isEmpty()) {
      type = ""; // a block with no data line (only event:, id:, retry: or unknown fields) is not an event
      return;
    }
    String value = data.decode(data.size() - 1); // the last line feed separates nothing
    String eventType = type.isEmpty() ? SseEvent.DEFAULT_TYPE : type;
    data.clear();
    type = "";
    listener.onEvent(new SseEvent(eventType, value, lastEventId, retryMillis, arrivalNanos));
  }

  /** Only a value of ASCII digits sets the reconnection time; anything else is ignored, as the standard says. */
  private void retry(byte[] src, int from, int to) {
    if (from == to || to - from > 18) {
      return; // empty, or too long to be a time in milliseconds that a long can hold
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      if (src[i] < '0' || src[i] > '9') {
        return;
      }
      value = value * 10 + (src[i] - '0');
    }
    retryMillis = value;
  }

  private static boolean named(byte[] name, byte[] src, int from, int to) {
    return to - from == name.length && Arrays.equals(name, 0, name.length, src, from, to);
  }

  private static int indexOf(byte[] src, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (src[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
