package org.inferbench.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A model would not fit on the disk it is to be written to: raised before a byte of it is written. */
public final class NotEnoughSpaceException extends IOException {
  public NotEnoughSpaceException(String message) {
    super(message);
  }

  /** Throws when {@code dir}'s file store has fewer than {@code bytes} usable bytes (a negative estimate passes). */
  public static void check(Path dir, long bytes) throws IOException {
    if (bytes < 0) return;
    long free = Files.getFileStore(dir).getUsableSpace();
    if (free < bytes) {
      throw new NotEnoughSpaceException(String.format(Locale.ROOT,
          "%s: the model takes %.1f GB and the disk has %.1f GB free; free space or write elsewhere (--out)", dir,
          bytes / 1e9, free / 1e9));
    }
  }
}
