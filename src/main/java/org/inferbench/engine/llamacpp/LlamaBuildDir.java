package org.inferbench.engine.llamacpp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.inferbench.core.BadInputException;

/**
 * What a directory given as a llama.cpp build holds, read without loading anything: the shared libraries the shim
 * links with (libllama, libggml, libggml-base, named as a CMake build names them or as node-llama-cpp's prebuilt
 * package does, libllama.v0.5.0.so), whether ggml's CPU backend comes as one library per CPU family (a
 * GGML_BACKEND_DL build, whose variants ggml picks from at run time), and the llama.h the shim must be compiled
 * against. A directory that is none of this is refused naming what was expected.
 *
 * @param dir the directory with the libraries (a build's bin/)
 * @param include the directory holding llama.h; ggml's headers are found beside it
 * @param backendDir dir where ggml loads its backends from it, else null (backends linked in)
 */
record LlamaBuildDir(Path dir, Path llama, Path ggml, Path ggmlBase, Path include, Path ggmlInclude,
    Path backendDir) {

  private static final int EM_X86_64 = 62;
  private static final int EM_AARCH64 = 183;

  static LlamaBuildDir inspect(Path dir, Path headers) throws BadInputException {
    String opt = "--engine-opt lib=" + dir;
    if (!Files.isDirectory(dir)) throw new BadInputException(opt + ": not a directory (expected a llama.cpp build)");
    Path llama = library(dir, "libllama");
    if (llama == null) {
      throw new BadInputException(opt + ": not a llama.cpp build (expected libllama.so there, e.g. a CMake build's "
          + "build/bin with BUILD_SHARED_LIBS on)");
    }
    checkMachine(llama, opt);
    Path ggml = library(dir, "libggml");
    Path base = library(dir, "libggml-base");
    if (ggml == null || base == null) {
      throw new BadInputException(opt + ": has " + llama.getFileName() + " but not libggml.so and libggml-base.so "
          + "beside it (expected a shared-library build of llama.cpp)");
    }
    Path include = headers != null ? headers : findHeaders(dir);
    if (include == null || !Files.isRegularFile(include.resolve("llama.h"))) {
      throw new BadInputException(opt + ": no include/llama.h found in it or in the source tree above it (expected a"
          + " build inside its llama.cpp source tree, or the headers given as --engine-opt lib-include=DIR)");
    }
    Path ggmlInclude = Stream.of(include, include.resolveSibling("ggml").resolve("include"),
        include.getParent().resolve("ggml").resolve("include"))
        .filter(p -> Files.isRegularFile(p.resolve("ggml.h"))).findFirst().orElse(null);
    if (ggmlInclude == null) {
      throw new BadInputException(opt + ": " + include.resolve("llama.h") + " has no ggml.h beside it or in "
          + "../ggml/include (expected llama.cpp's source tree)");
    }
    boolean variants;
    try (Stream<Path> s = Files.list(dir)) {
      variants = s.anyMatch(p -> p.getFileName().toString().matches("libggml-cpu-.+\\.so"));
    } catch (IOException e) {
      throw new BadInputException(opt + ": cannot list (" + BadInputException.oneLine(e) + ")", e);
    }
    return new LlamaBuildDir(dir.toAbsolutePath().normalize(), llama, ggml, base, include, ggmlInclude,
        variants ? dir.toAbsolutePath().normalize() : null);
  }

  /** The libraries whose bytes are the build: every .so in the directory, sorted (hashed for the record). */
  List<Path> libraries() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().matches("lib(llama|ggml).*\\.so")).filter(Files::isRegularFile)
          .sorted().forEach(out::add);
    }
    return out;
  }

  /** libNAME.so, else libNAME.v*.so (node-llama-cpp's naming); null when neither is there. */
  private static Path library(Path dir, String name) {
    Path plain = dir.resolve(name + ".so");
    if (Files.exists(plain)) return plain;
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(name) + "\\.v[0-9.]+\\.so"))
          .sorted().findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** A CMake build's bin/ is build/bin inside the source tree; a prefix install has include/ beside lib/. */
  private static Path findHeaders(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    for (int up = 0; up < 4 && d != null; up++, d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("include").resolve("llama.h"))) return d.resolve("include");
    }
    return null;
  }

  /** Refuses a library of another CPU architecture (or not ELF) before dlopen would, with a clearer line. */
  private static void checkMachine(Path lib, String opt) throws BadInputException {
    byte[] h = new byte[20];
    try (InputStream in = Files.newInputStream(lib)) {
      if (in.readNBytes(h, 0, 20) < 20 || h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F') {
        throw new BadInputException(opt + ": " + lib.getFileName() + " is not an ELF shared library (expected a "
            + "llama.cpp build for " + machine() + ")");
      }
    } catch (IOException e) {
      throw new BadInputException(opt + ": cannot read " + lib + " (" + BadInputException.oneLine(e) + ")", e);
    }
    int machine = (h[18] & 0xff) | (h[19] & 0xff) << 8;
    int want = expectedMachine();
    if (want != 0 && machine != want) {
      throw new BadInputException(opt + ": " + lib.getFileName() + " is built for ELF machine " + machine + " ("
          + (machine == EM_X86_64 ? "x86-64" : machine == EM_AARCH64 ? "aarch64" : "another CPU") + "), expected "
          + machine());
    }
  }

  private static int expectedMachine() {
    String a = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return a.equals("amd64") || a.equals("x86_64") ? EM_X86_64 : a.equals("aarch64") ? EM_AARCH64 : 0;
  }

  static String machine() {
    int m = expectedMachine();
    return m == EM_X86_64 ? "x86-64" : m == EM_AARCH64 ? "aarch64" : System.getProperty("os.arch");
  }
}
