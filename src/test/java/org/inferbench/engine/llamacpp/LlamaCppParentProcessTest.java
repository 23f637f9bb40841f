package org.inferbench.engine.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.inferbench.cli.InferBenchCommand;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.ModelRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning, describing and dry-running a llamacpp configuration leave llama.cpp's native library unloaded. */
final class LlamaCppParentProcessTest {
  @TempDir Path dir;

  /** Runs in a fresh JVM (this test's own may have loaded the library already) and reports what it mapped. */
  static final class Child {
    public static void main(String[] args) throws Exception {
      LlamaCppEngine engine = new LlamaCppEngine();
      EngineSettings s = EngineSettings.resolve("llamacpp", engine.settings(), new HashMap<>());
      engine.describe(ModelRef.of(args[0]), s);
      engine.version();
      int code = InferBenchCommand.execute("run", "--engine", "llamacpp", "--model", args[0], "--prompt", "16",
          "--output", "4", "--dry-run");
      if (args.length > 1) engine.load(ModelRef.of(args[0]), s).close();
      boolean mapped = Files.readString(Path.of("/proc/self/maps")).contains("libllama");
      System.out.println("dry-run exit " + code + (mapped ? ", native library mapped" : ", no native library"));
      System.exit(0);
    }
  }

  private String runChild(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "--enable-native-access=ALL-UNNAMED", "-D" + LlamaBuilds.PROPERTY + "="
        + System.getProperty(LlamaBuilds.PROPERTY, ""), "-cp", System.getProperty("java.class.path"),
        Child.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void theParentSideNeverMapsTheNativeLibrary() throws Exception {
    Path tiny = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), TinyLlamaGguf.F16, 1);
    assertThat(runChild(tiny.toString())).contains("dry-run exit 0, no native library");
    assertThat(runChild(tiny.toString(), "load")).as("the check sees a loaded library")
        .contains("native library mapped");
  }
}
