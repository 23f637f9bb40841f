package org.inferbench.engine.llamacpp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.inferbench.core.BadInputException;

/**
 * Compiles InferBench's shim (src/main/c/inferbench-llama.c, carried in the jar) against a build's own llama.h and
 * links it with that build's libraries, once per build: cached under {@code <llama.cpp cache>/shims/<key>}, the key
 * a hash of the source, the headers and the libraries' names, sizes and times. The same source built as a program
 * (the probe) reports the library's commit, version and system info; the planning process runs it instead of
 * loading native code. Written to a temporary directory and renamed when complete, so a failed or interrupted
 * compile leaves nothing that looks finished.
 */
final class Shim {
  static final String SOURCE = "inferbench-llama.c";
  static final String LIBRARY = "libinferbench-llama.so";
  private static final Map<Path, LlamaBuild> BUILDS = new ConcurrentHashMap<>();

  private Shim() {}

  /** The build in {@code d}, its shim compiled (or found in the cache) and its probe's answers. */
  static LlamaBuild of(LlamaBuildDir d, Path cacheRoot) throws BadInputException {
    LlamaBuild known = BUILDS.get(d.dir());
    if (known != null) return known;
    try {
      byte[] source = source();
      Path dir = cacheRoot.resolve("shims").resolve(key(d, source));
      if (!Files.isRegularFile(dir.resolve("probe.txt"))) compile(d, source, dir);
      Properties p = new Properties();
      try (var in = Files.newBufferedReader(dir.resolve("probe.txt"))) {
        p.load(in);
      }
      LlamaBuild b = new LlamaBuild(d.dir(), dir.resolve(LIBRARY), d.backendDir(), p.getProperty("commit"),
          p.getProperty("version"), p.getProperty("system"), p.getProperty("libsha256"));
      BUILDS.put(d.dir(), b);
      return b;
    } catch (IOException e) {
      throw new BadInputException("--engine-opt lib=" + d.dir() + ": cannot prepare the shim ("
          + BadInputException.oneLine(e) + ")", e);
    }
  }

  private static void compile(LlamaBuildDir d, byte[] source, Path dir) throws IOException, BadInputException {
    Files.createDirectories(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), "tmp-");
    try {
      Path src = Files.write(tmp.resolve(SOURCE), source);
      List<String> common = List.of("-O2", "-std=c11", "-I" + d.include(), "-I" + d.ggmlInclude(), src.toString());
      List<String> link = List.of("-L" + d.dir(), "-l:" + d.llama().getFileName(), "-l:" + d.ggml().getFileName(),
          "-l:" + d.ggmlBase().getFileName(), "-Wl,-rpath," + d.dir(), "-Wl,-z,now", "-lm");
      run(d, tmp, concat(List.of(compiler(), "-shared", "-fPIC"), common, List.of("-o", tmp.resolve(LIBRARY)
          .toString()), link));
      run(d, tmp, concat(List.of(compiler(), "-DIBL_PROBE"), common, List.of("-o", tmp.resolve("probe")
          .toString()), link));
      String out = run(d, tmp, List.of(tmp.resolve("probe").toString(),
          d.backendDir() == null ? "" : d.backendDir().toString()));
      Properties p = new Properties();
      p.load(new java.io.StringReader(out));
      if (!String.valueOf(LlamaNative.ABI).equals(p.getProperty("abi"))) {
        throw new BadInputException("--engine-opt lib=" + d.dir() + ": the shim's probe answered " + out.strip()
            + " (expected abi=" + LlamaNative.ABI + ")");
      }
      String structs = p.getProperty("structs", "");
      if (!structs.isEmpty()) {
        throw new BadInputException("--engine-opt lib=" + d.dir() + ": its structs do not match " + d.include()
            + "/llama.h (" + structs + "): an incompatible llama.cpp release or header");
      }
      Files.writeString(tmp.resolve("probe.txt"), out + "libsha256=" + libraryHash(d) + "\n");
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        // another process finished the same shim first: theirs is as good
      }
    } finally {
      if (Files.exists(tmp)) deleteTree(tmp);
    }
  }

  /** Runs a step; a failure is one line naming the build, the step and its first error line. */
  private static String run(LlamaBuildDir d, Path cwd, List<String> cmd) throws IOException, BadInputException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new BadInputException("the llamacpp engine compiles a small C shim against the build's llama.h: no C "
          + "compiler '" + cmd.get(0) + "' found (install gcc, or set CC)", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    if (p.exitValue() != 0) {
      String first = out.lines().filter(l -> l.contains("error") || l.contains("undefined"))
          .findFirst().orElse(out.lines().findFirst().orElse("exit " + p.exitValue()));
      boolean probe = cmd.get(0).endsWith("probe");
      throw new BadInputException("--engine-opt lib=" + d.dir() + ": " + (probe ? "its library failed to run ("
          : "the shim does not build against its llama.h (") + first.strip() + "); expected a llama.cpp build "
          + "whose include/llama.h matches its libraries");
    }
    return out;
  }

  static String compiler() {
    String cc = System.getenv("CC");
    return cc == null || cc.isBlank() ? "cc" : cc;
  }

  static byte[] source() throws IOException {
    try (InputStream in = Shim.class.getResourceAsStream(SOURCE)) {
      if (in == null) throw new IOException("the jar lacks the shim source " + SOURCE);
      return in.readAllBytes();
    }
  }

  private static String key(LlamaBuildDir d, byte[] source) throws IOException {
    MessageDigest sha = sha256();
    sha.update(source);
    for (Path h : List.of(d.include().resolve("llama.h"), d.ggmlInclude().resolve("ggml.h"),
        d.ggmlInclude().resolve("ggml-backend.h"))) {
      if (Files.exists(h)) sha.update(Files.readAllBytes(h));
    }
    for (Path lib : d.libraries()) {
      sha.update((lib + " " + Files.size(lib) + " " + Files.getLastModifiedTime(lib).toMillis() + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }

  /** SHA-256 over the libraries' bytes, file by file in name order: the build's identity beside its commit. */
  static String libraryHash(LlamaBuildDir d) throws IOException {
    MessageDigest sha = sha256();
    byte[] buf = new byte[1 << 16];
    for (Path lib : d.libraries()) {
      sha.update(lib.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      try (InputStream in = Files.newInputStream(lib)) {
        for (int n; (n = in.read(buf)) > 0; ) sha.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> out = new ArrayList<>();
    for (List<String> p : parts) out.addAll(p);
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
