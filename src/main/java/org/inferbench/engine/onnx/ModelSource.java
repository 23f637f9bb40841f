package org.inferbench.engine.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import org.inferbench.engine.BadInputException;
import org.inferbench.engine.ModelRef;

/** Where a model comes from: a directory with config.json and ONNX files (an Optimum export). */
final class ModelSource {
  private ModelSource() {}

  /** What describe() knows: the config facts, where they came from, and the dtype that would be loaded. */
  record Described(ModelFacts facts, String source, String dtype) {}

  /** A model ready to open: its directory of ONNX files. */
  record Resolved(Path dir, Described described) {}

  static Described describe(ModelRef ref, OnnxSettings settings) throws BadInputException {
    Path dir = Path.of(ref.id());
    if (!Files.isDirectory(dir)) {
      throw new BadInputException("--model " + ref.id() + ": not a model directory (expected a directory holding"
          + " config.json and onnx/*.onnx)");
    }
    Path config = ref.configFile() != null ? ref.configFile() : dir.resolve("config.json");
    if (!Files.isRegularFile(config)) {
      throw new BadInputException(config + ": missing model config (expected a Hugging Face config.json)");
    }
    return new Described(ModelFacts.read(config, ref.options()), dir.toAbsolutePath().toString(), settings.dtype());
  }

  static Resolved resolve(ModelRef ref, OnnxSettings settings) throws BadInputException {
    Described d = describe(ref, settings);
    return new Resolved(Path.of(ref.id()), d);
  }
}
