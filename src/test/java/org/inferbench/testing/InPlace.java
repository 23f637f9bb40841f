package org.inferbench.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Rewriting one file many times a second, as fuzz targets do with each input. */
public final class InPlace {
  private InPlace() {}

  /**
   * Replaces the file's content in place, truncating it only to the new length: a truncate to zero followed by a
   * write is flushed to disk at close on ext4, which would make each input take milliseconds.
   */
  public static void overwrite(Path target, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf, buf.position());
      }
      ch.truncate(bytes.length);
    }
  }
}
