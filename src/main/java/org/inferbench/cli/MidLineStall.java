package org.inferbench.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.inferbench.results.Json;
import org.inferbench.results.ResultRecord;
import org.inferbench.run.Runner;

/**
 * Fault injection for the crash test, off unless the system property {@code inferbench.test.stall-mid-line=K}
 * is set: the K-th record is written only halfway, forced to disk, and the process then waits to be killed — so
 * a test can SIGKILL it exactly in the middle of writing a line.
 */
final class MidLineStall {
  static final String PROPERTY = "inferbench.test.stall-mid-line";

  private MidLineStall() {}

  static Runner.Sink wrap(Runner.Sink sink, Path file) {
    String k = System.getProperty(PROPERTY);
    if (k == null) return sink;
    int stallAt = Integer.parseInt(k);
    int[] count = {0};
    return r -> {
      if (++count[0] == stallAt) {
        writeHalf(r, file);
        while (true) {
          Thread.sleep(1000); // the test kills us here
        }
      }
      sink.accept(r);
    };
  }

  private static void writeHalf(ResultRecord r, Path file) throws IOException {
    byte[] line = Json.mapper().writeValueAsString(r).getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.wrap(line, 0, line.length / 2));
      ch.force(true);
    }
  }
}
