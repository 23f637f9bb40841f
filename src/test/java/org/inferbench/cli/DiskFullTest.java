package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.inferbench.results.LoadedResults;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up in the middle of a run (here a 1 MB tmpfs, filled once the first record is written) ends
 * the run with exit 3 and every record completed before it intact.
 */
final class DiskFullTest {
  @TempDir Path dir;

  @Test
  void aDiskFillingUpMidRunExits3WithTheCompletedRecordsIntact() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small tmpfs needs root");
    Path small = Files.createDirectories(dir.resolve("small"));
    assertThat(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString()).start()
        .waitFor()).isZero();
    try {
      Path results = small.resolve("r.jsonl");
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--isolate", "none",
          "--engine", "calibration", "--model", "full", "--engine-opt", "step-us=200000", "--prompt", "8,16,24,32",
          "--output", "4", "--warmup", "0", "--runs", "3", "--results", results.toString()));
      Process run = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(results) || Files.readString(results).indexOf('\n') < 0) {
        assertThat(run.isAlive()).as("the run ended before its first record").isTrue();
        assertThat(System.nanoTime()).as("no record within 60 s").isLessThan(deadline);
        Thread.sleep(20);
      }
      fill(small.resolve("filler"));
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the run ended").isTrue();
      assertThat(run.exitValue()).isEqualTo(ExitCodes.SOME_FAILED);
      Files.delete(small.resolve("filler")); // room to read the file back
      LoadedResults back = ResultStore.read(results);
      assertThat(back.records()).isNotEmpty().allMatch(ResultRecord::ok);
      assertThat(back.records().size()).isLessThan(4);
    } finally {
      new ProcessBuilder("umount", small.toString()).start().waitFor();
    }
  }

  /** Writes until the disk is full. */
  private static void fill(Path f) throws IOException {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(f)) {
      while (true) out.write(block);
    } catch (IOException e) {
      // full: what the test wanted
    }
  }
}
