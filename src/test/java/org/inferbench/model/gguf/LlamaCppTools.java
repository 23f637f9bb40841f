package org.inferbench.model.gguf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * llama.cpp's own tools (llama-bench, llama-quantize, llama-server) from the directory that system property
 * {@code inferbench.llama.bin} names; a test that needs them is skipped when it is unset, and fails when it is set
 * but a tool is missing.
 */
public final class LlamaCppTools {
  private LlamaCppTools() {}

  /** The directory, or the test is skipped. */
  public static Path bin() {
    String dir = System.getProperty("inferbench.llama.bin");
    assumeTrue(dir != null && !dir.isBlank(), "inferbench.llama.bin not set: llama.cpp's tools not available");
    return Path.of(dir);
  }

  public static Path tool(String name) {
    Path t = bin().resolve(name);
    if (!Files.isExecutable(t)) throw new AssertionError("inferbench.llama.bin: no executable " + t);
    return t;
  }

  /** Exit code and combined output of a tool run, killed after the timeout. */
  public record Result(int exit, String output) {}

  public static Result run(long timeoutSeconds, String tool, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(tool(tool).toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("LD_LIBRARY_PATH", bin().toString());
    Process p = pb.start();
    byte[][] out = new byte[1][];
    Thread reader = Thread.ofVirtual().start(() -> {
      try {
        out[0] = p.getInputStream().readAllBytes();
      } catch (IOException e) {
        out[0] = new byte[0];
      }
    });
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor();
    }
    reader.join();
    return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
  }
}
