package org.inferbench.model.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.inferbench.core.BadInputException;

/**
 * Sequential little-endian reads of a GGUF header through a small buffer over a {@link FileChannel}. Every read is
 * checked against the bytes the file has left, so a length or count read from the file can be bounded before
 * anything is allocated, and running off the end is a one-line {@link BadInputException} naming the field.
 */
final class ChannelReader {
  private static final int BUFFER = 1 << 16;

  private final FileChannel channel;
  private final Path file;
  private final long size;
  private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
  private long bufStart;
  private long pos;
  /** What is being read, for messages ("metadata key #3 'general.name'"); empty at top level. */
  private String where = "";

  ChannelReader(FileChannel channel, Path file, long size) {
    this.channel = channel;
    this.file = file;
    this.size = size;
    buf.limit(0);
  }

  void where(String where) {
    this.where = where;
  }

  long position() {
    return pos;
  }

  long size() {
    return size;
  }

  long remaining() {
    return size - pos;
  }

  /** A one-line error: file, what is being read, the field, and the problem (which says what was expected). */
  BadInputException error(String field, String problem) {
    return new BadInputException(Messages.file(file) + ": " + (where.isEmpty() ? "" : where + ": ") + field + ": "
        + problem);
  }

  private void require(long n, String field) throws BadInputException {
    if (n > remaining()) {
      throw error(field, "the file ends at byte " + size + ", expected " + n + " more bytes from byte " + pos
          + " (truncated file)");
    }
  }

  private byte[] small(int n, String field) throws BadInputException {
    require(n, field);
    if (pos < bufStart || pos + n > bufStart + buf.limit()) {
      fill();
    }
    byte[] b = new byte[n];
    buf.get((int) (pos - bufStart), b);
    pos += n;
    return b;
  }

  private void fill() throws BadInputException {
    buf.clear();
    bufStart = pos;
    int want = (int) Math.min(BUFFER, size - pos);
    buf.limit(want);
    readFully(buf, pos);
  }

  private void readFully(ByteBuffer dst, long at) throws BadInputException {
    try {
      long p = at;
      while (dst.hasRemaining()) {
        int r = channel.read(dst, p);
        if (r < 0) {
          throw error("data", "the file ended at byte " + p + " while reading (was it changed while being read?)");
        }
        p += r;
      }
    } catch (IOException e) {
      throw new BadInputException(Messages.file(file) + ": cannot read: " + Messages.oneLine(e.toString()), e);
    }
  }

  int u8(String field) throws BadInputException {
    return small(1, field)[0] & 0xFF;
  }

  int u16(String field) throws BadInputException {
    return Le.u16(small(2, field), 0);
  }

  /** A u32, zero-extended. */
  long u32(String field) throws BadInputException {
    return Le.i32(small(4, field), 0) & 0xFFFF_FFFFL;
  }

  /** A u64 as its bit pattern (negative above Long.MAX_VALUE). */
  long u64(String field) throws BadInputException {
    return Le.i64(small(8, field), 0);
  }

  /** {@code n} bytes; the caller has bounded n (the file must hold them). */
  byte[] bytes(int n, String field) throws BadInputException {
    if (n <= BUFFER) {
      return small(n, field);
    }
    require(n, field);
    byte[] b = new byte[n];
    readFully(ByteBuffer.wrap(b), pos);
    pos += n;
    return b;
  }
}
