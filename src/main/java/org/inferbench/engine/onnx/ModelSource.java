package org.inferbench.engine.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.inferbench.engine.BadInputException;
import org.inferbench.engine.ModelRef;
import org.inferbench.engine.ModelShape;
import org.inferbench.model.ModelConfig;
import org.inferbench.model.Presets;
import org.inferbench.model.synth.OnnxModelWriter;

/**
 * Where a model comes from: a directory holding an Optimum export (config.json, onnx/*.onnx), or a preset (or
 * {@code --model-config} file) synthesised with random weights into a cache directory, once per config, dtype,
 * layout and seed.
 */
final class ModelSource {
  private ModelSource() {}

  /** What describe() knows: the config facts, where they came from, the dtype that would be loaded. */
  record Described(ModelFacts facts, String source, String dtype, ModelConfig synthConfig) {}

  /** A model ready to open: its directory of ONNX files and the layout to ask for there. */
  record Resolved(Path dir, Described described, String layout) {}

  static Described describe(ModelRef ref, OnnxSettings settings) throws BadInputException {
    Path dir = Path.of(ref.id());
    if (Files.isDirectory(dir)) {
      Path config = ref.configFile() != null ? ref.configFile() : dir.resolve("config.json");
      if (!Files.isRegularFile(config)) {
        throw new BadInputException(config + ": missing model config (expected a Hugging Face config.json)");
      }
      return new Described(ModelFacts.read(config, ref.options()), dir.toAbsolutePath().toString(), settings.dtype(),
          null);
    }
    ModelConfig base = ref.configFile() != null ? ModelConfig.read(ref.configFile()) : Presets.get(ref.id());
    ModelConfig config;
    try {
      config = base.withOverrides(ref.options());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    Map<String, Object> applied = new LinkedHashMap<>(ref.options());
    ModelFacts facts = ModelFacts.of(config.tree(), Map.of(), "preset " + ref.id())
        .withProvenance(config.configHash(), applied);
    String source = ref.configFile() != null ? "synthetic from " + ref.configFile() : "synthetic preset " + ref.id();
    return new Described(facts, source, settings.dtype(), config);
  }

  static Resolved resolve(ModelRef ref, OnnxSettings settings) throws BadInputException {
    Described d = describe(ref, settings);
    if (d.synthConfig() == null) return new Resolved(Path.of(ref.id()), d, settings.layout());
    String layout = settings.layout().equals("auto") ? "merged" : settings.layout();
    // Optimum writes encoder-decoders merged or split only; a single-file request means merged there
    if (d.facts().shape() == ModelShape.ENCODER_DECODER && layout.equals("single")) layout = "merged";
    Path dir = synthesise(d.synthConfig(), settings.dtype(), layout, settings.weightsSeed());
    Described located = new Described(d.facts(), dir.toAbsolutePath().toString(), d.dtype(), d.synthConfig());
    return new Resolved(dir, located, d.facts().shape() == ModelShape.ENCODER ? "auto" : layout);
  }

  /** The cache root: system property inferbench.cache, else $INFERBENCH_CACHE, else ~/.cache/inferbench. */
  static Path cacheRoot() {
    String env = System.getProperty("inferbench.cache", System.getenv("INFERBENCH_CACHE"));
    return env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "inferbench");
  }

  private static Path synthesise(ModelConfig config, String dtype, String layout, long seed)
      throws BadInputException {
    String key = config.configHash().substring(0, 16) + "-" + dtype + "-" + layout + "-s" + seed + "-w"
        + OnnxModelWriter.WRITER_VERSION;
    Path dir = cacheRoot().resolve("models").resolve(config.architecture().modelType()).resolve(key);
    if (Files.isRegularFile(dir.resolve(".complete"))) return dir;
    try {
      Files.createDirectories(dir.getParent());
      Path tmp = Files.createTempDirectory(dir.getParent(), key + ".tmp");
      try {
        OnnxModelWriter.write(config, tmp, dtype, layout, seed);
        Files.writeString(tmp.resolve(".complete"), key + "\n");
        try {
          Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
          // another process finished the same model first (or no atomic rename): keep theirs if complete
          if (!Files.isRegularFile(dir.resolve(".complete"))) throw e;
        } catch (IOException e) {
          if (!Files.isRegularFile(dir.resolve(".complete"))) throw e;
        }
      } finally {
        deleteTree(tmp);
      }
      return dir;
    } catch (IOException | UncheckedIOException e) {
      throw new BadInputException(dir + ": cannot write the synthetic model (" + ModelFacts.oneLine(e) + ")", e);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
    }
  }
}
