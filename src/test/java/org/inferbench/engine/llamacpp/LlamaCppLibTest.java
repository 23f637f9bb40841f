package org.inferbench.engine.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.inferbench.cli.InferBenchCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory given as {@code --engine-opt lib=DIR} that InferBench cannot drive is refused before anything is
 * measured: exit 2, one line naming the directory and what was expected, no results file. Covered: no directory, no
 * libllama, a libllama that is no ELF file, one built for another CPU, and a "build" whose library lacks the C API
 * the shim calls (an incompatible release: the shim does not link).
 */
final class LlamaCppLibTest {
  @TempDir Path dir;

  private String refused(Path lib, String... extra) throws Exception {
    Path tiny = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), TinyLlamaGguf.F16, 3);
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      List<String> args = new java.util.ArrayList<>(List.of("run", "--model", tiny.toString(), "--engine",
          "llamacpp", "--prompt", "8", "--output", "2", "--runs", "1", "--engine-opt", "lib=" + lib, "--results",
          dir.resolve("results.jsonl").toString()));
      args.addAll(List.of(extra));
      code = InferBenchCommand.execute(args.toArray(String[]::new));
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    String e = err.toString(StandardCharsets.UTF_8).strip();
    assertThat(code).as(e).isEqualTo(2);
    assertThat(e).doesNotContain("\n").startsWith("inferbench: ").contains("lib=" + lib);
    assertThat(dir.resolve("results.jsonl")).doesNotExist();
    return e;
  }

  @Test
  void directoriesThatAreNoUsableBuildAreOneLineExitTwo() throws Exception {
    assertThat(refused(dir.resolve("missing"))).contains("not a directory");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(refused(empty)).contains("not a llama.cpp build", "libllama.so");
    Path text = Files.createDirectories(dir.resolve("text"));
    Files.writeString(text.resolve("libllama.so"), "not a library");
    assertThat(refused(text)).contains("not an ELF shared library");
    Path arm = Files.createDirectories(dir.resolve("arm"));
    byte[] elf = new byte[64];
    elf[0] = 0x7f;
    elf[1] = 'E';
    elf[2] = 'L';
    elf[3] = 'F';
    elf[18] = (byte) 183; // EM_AARCH64
    Files.write(arm.resolve("libllama.so"), elf);
    assertThat(refused(arm)).contains("aarch64", "expected x86-64");
  }

  /** Libraries of the right names and CPU, but without llama.cpp's functions, next to a real llama.h. */
  @Test
  void aLibraryWithoutTheCApiIsRefusedNamingTheMissingFunction() throws Exception {
    Path real = Path.of(System.getProperty(LlamaBuilds.PROPERTY, "/nonexistent"));
    Path header = LlamaBuildDir.inspect(real, null).include();
    Path fake = Files.createDirectories(dir.resolve("old").resolve("bin"));
    Path c = Files.writeString(dir.resolve("empty.c"), "int ibl_nothing(void) { return 0; }\n");
    for (String lib : List.of("libllama.so", "libggml.so", "libggml-base.so")) {
      Process p = new ProcessBuilder(Shim.compiler(), "-shared", "-fPIC", c.toString(), "-o",
          fake.resolve(lib).toString()).inheritIO().start();
      assertThat(p.waitFor()).isZero();
    }
    assertThat(refused(fake, "--engine-opt", "lib-include=" + header)).contains("undefined reference to", "llama_");
  }
}
