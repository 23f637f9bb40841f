package org.inferbench.engine.llamacpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.inferbench.core.BadInputException;
import org.inferbench.model.ModelCache;

/**
 * Which llama.cpp build a configuration runs: {@code --engine-opt lib=DIR} (any build, a user's own included); else
 * the directory in the system property {@code inferbench.llama.bin} or {@code $INFERBENCH_LLAMA_LIB} (./run-tests
 * passes the build it made); else the pinned release (bin/llama-cpp.pin), built once per machine by
 * bin/llama-cpp-build or, with {@code llama-source=prebuilt}, node-llama-cpp's prebuilt libraries. Resolving runs
 * no native code in this process: the shim's probe runs as a program of its own.
 */
final class LlamaBuilds {
  static final String PROPERTY = "inferbench.llama.bin";

  private LlamaBuilds() {}

  /** The llama.cpp cache: beside the model cache ({@code ~/.cache/inferbench/llama.cpp}). */
  static Path cacheRoot() {
    Path models = ModelCache.defaultRoot().toAbsolutePath();
    return (models.getParent() != null ? models.getParent() : models).resolve("llama.cpp");
  }

  static LlamaBuild resolve(LlamaCppSettings s) throws BadInputException {
    Path include = s.libInclude().isEmpty() ? null : Path.of(s.libInclude());
    return Shim.of(LlamaBuildDir.inspect(directory(s), include), cacheRoot());
  }

  /** The libraries' directory, building the pinned release first where no build is given and none is cached. */
  static Path directory(LlamaCppSettings s) throws BadInputException {
    if (!s.lib().isEmpty()) return Path.of(s.lib());
    String given = System.getProperty(PROPERTY, System.getenv("INFERBENCH_LLAMA_LIB"));
    if (given != null && !given.isBlank()) return Path.of(given);
    return pinned(s.source().equals("prebuilt"));
  }

  /**
   * The build a configuration without lib would run, for listings: probed where it exists (given by property or
   * environment, or the pinned release already built here), else named from bin/llama-cpp.pin. Builds nothing.
   */
  static String describeDefault() {
    try {
      String given = System.getProperty(PROPERTY, System.getenv("INFERBENCH_LLAMA_LIB"));
      Path dir = given != null && !given.isBlank() ? Path.of(given) : builtPinned();
      if (dir != null) {
        LlamaBuild b = Shim.of(LlamaBuildDir.inspect(dir, null), cacheRoot());
        return b.label() + " in " + b.dir() + ", " + b.features();
      }
      java.util.Properties pin = pin();
      return "llama.cpp " + pin.getProperty("LLAMA_COMMIT") + " from " + pin.getProperty("LLAMA_SOURCE_PACKAGE")
          + ", built on first use into " + cacheRoot();
    } catch (BadInputException | IOException | RuntimeException e) {
      return "llama.cpp build unusable: " + BadInputException.oneLine(e);
    }
  }

  /** The pinned release's build directory if it was built here (for this CPU, any compiler), else null. */
  private static Path builtPinned() throws BadInputException, IOException {
    String commit = pin().getProperty("LLAMA_COMMIT");
    if (!Files.isDirectory(cacheRoot())) return null;
    try (var dirs = Files.list(cacheRoot())) {
      return dirs.filter(d -> d.getFileName().toString().startsWith(commit + "-"))
          .map(d -> d.resolve("bin")).filter(b -> Files.exists(b.resolve(".complete"))).sorted().findFirst()
          .orElse(null);
    }
  }

  /** bin/llama-cpp.pin as properties (its lines are shell assignments of plain values). */
  static java.util.Properties pin() throws BadInputException, IOException {
    java.util.Properties p = new java.util.Properties();
    try (var in = Files.newBufferedReader(script().resolveSibling("llama-cpp.pin"))) {
      p.load(in);
    }
    p.replaceAll((k, v) -> v.toString().replace("\"", ""));
    return p;
  }

  /** Runs bin/llama-cpp-build (its progress on this process's standard error); returns the directory it prints. */
  static Path pinned(boolean prebuilt) throws BadInputException {
    Path script = script();
    List<String> cmd = prebuilt ? List.of(script.toString(), "--prebuilt") : List.of(script.toString());
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
        throw new BadInputException("llamacpp: building the pinned llama.cpp failed (" + script + ", see above); "
            + "or give a build with --engine-opt lib=DIR");
      }
      return Path.of(out.lines().reduce((a, b) -> b).orElse(out));
    } catch (IOException e) {
      throw new BadInputException("llamacpp: cannot run " + script + " (" + BadInputException.oneLine(e) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BadInputException("llamacpp: interrupted while building llama.cpp", e);
    }
  }

  /** bin/llama-cpp-build of this checkout: beside the jar's target/ directory, or $INFERBENCH_HOME/bin. */
  private static Path script() throws BadInputException {
    String home = System.getenv("INFERBENCH_HOME");
    try {
      Path start = home != null ? Path.of(home)
          : Path.of(LlamaBuilds.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path d = start; d != null; d = d.getParent()) {
        Path s = d.resolve("bin").resolve("llama-cpp-build");
        if (Files.isExecutable(s)) return s;
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // fall through to the message below
    }
    throw new BadInputException("llamacpp: no llama.cpp build given and bin/llama-cpp-build not found near the jar; "
        + "give a build with --engine-opt lib=DIR");
  }
}
