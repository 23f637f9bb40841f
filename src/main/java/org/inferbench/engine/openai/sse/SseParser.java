package org.inferbench.engine.openai.sse;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An incremental event-stream parser for one stream. Feed it the bytes of each read as they arrive, with the
 * {@link System#nanoTime()} taken when the read returned; it calls the listener for every event the read completes,
 * stamped with that time. Splits may fall anywhere: inside a CRLF pair, inside a UTF-8 character, inside the BOM.
 * Lines end with CRLF, LF or CR; one leading byte-order mark is skipped. Call {@link #end()} when the body ends.
 *
 * <p>Allocation-light by design, since a load generator runs one per stream by the thousand: a line that lies whole
 * within one read is interpreted in place, and only the event's strings are allocated. Not thread-safe: a stream is
 * read by one thread at a time.
 */
public final class SseParser {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final int DIRECT_COPY_BYTES = 8192;

  private final EventAssembler events;
  /** The start of a line whose end has not arrived yet. */
  private final ByteAccumulator partialLine = new ByteAccumulator(128);
  private int bomBytesSeen;
  private boolean pastBom;
  /** The last line ended with CR: an LF that comes next (perhaps in the next read) ends nothing more. */
  private boolean lfAfterCrIgnored;
  private byte[] directCopy;

  public SseParser(SseListener listener) {
    this.events = new EventAssembler(Objects.requireNonNull(listener));
  }

  public void feed(byte[] bytes, long arrivalNanos) {
    feed(bytes, 0, bytes.length, arrivalNanos);
  }

  public void feed(byte[] bytes, int offset, int length, long arrivalNanos) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    int i = offset;
    int end = offset + length;
    if (!pastBom) {
      i = skipBom(bytes, i, end);
    }
    while (i < end) {
      if (lfAfterCrIgnored) {
        lfAfterCrIgnored = false;
        if (bytes[i] == '\n') {
          i++;
          continue;
        }
      }
      int eol = i;
      while (eol < end && bytes[eol] != '\n' && bytes[eol] != '\r') {
        eol++;
      }
      if (eol == end) {
        partialLine.append(bytes, i, end - i);
        return;
      }
      if (partialLine.isEmpty()) {
        events.line(bytes, i, eol, arrivalNanos);
      } else {
        partialLine.append(bytes, i, eol - i);
        events.line(partialLine.array(), 0, partialLine.size(), arrivalNanos);
        partialLine.clear();
      }
      lfAfterCrIgnored = bytes[eol] == '\r';
      i = eol + 1;
    }
  }

  /** Consumes the buffer's remaining bytes. */
  public void feed(ByteBuffer buffer, long arrivalNanos) {
    if (buffer.hasArray()) {
      int n = buffer.remaining();
      feed(buffer.array(), buffer.arrayOffset() + buffer.position(), n, arrivalNanos);
      buffer.position(buffer.limit());
      return;
    }
    if (directCopy == null) {
      directCopy = new byte[DIRECT_COPY_BYTES]; // direct and read-only buffers only: heap buffers are read in place
    }
    while (buffer.hasRemaining()) {
      int n = Math.min(directCopy.length, buffer.remaining());
      buffer.get(directCopy, 0, n);
      feed(directCopy, 0, n, arrivalNanos);
    }
  }

  /**
   * The body ended. An event without its blank line is discarded, as the standard says; the answer says whether
   * that happened. The parser is spent afterwards.
   */
  public SseEnd end() {
    boolean unfinishedLine = !partialLine.isEmpty() && partialLine.array()[0] != ':';
    boolean cut = events.pending() || unfinishedLine || (!pastBom && bomBytesSeen > 0);
    partialLine.clear();
    events.discard();
    return cut ? SseEnd.MID_EVENT : SseEnd.CLEAN;
  }

  /** The last event ID the server set, {@code ""} if none. */
  public String lastEventId() {
    return events.lastEventId();
  }

  /** The reconnection time the server last asked for, -1 if it never did. */
  public long retryMillis() {
    return events.retryMillis();
  }

  /** Skips a BOM at the very start of the stream, which may itself arrive split across reads. */
  private int skipBom(byte[] bytes, int i, int end) {
    while (i < end && bomBytesSeen < BOM.length) {
      if (bytes[i] != BOM[bomBytesSeen]) {
        partialLine.append(BOM, 0, bomBytesSeen); // not a BOM after all: those bytes start the first line
        pastBom = true;
        return i;
      }
      bomBytesSeen++;
      i++;
    }
    pastBom = bomBytesSeen == BOM.length;
    return i;
  }
}
