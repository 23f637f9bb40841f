package org.inferbench.engine.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.inferbench.engine.BadInputException;
import org.inferbench.engine.ModelRef;
import org.inferbench.model.ModelConfig;
import org.inferbench.model.ModelResolver;
import org.inferbench.model.Presets;
import org.inferbench.model.ResolvedModel;

/**
 * Where a model comes from, through {@link ModelResolver}: a directory holding an Optimum export, or a preset (or
 * {@code --model-config} file) synthesised with random weights into the model cache. describe() reads configs only.
 */
final class ModelSource {
  private ModelSource() {}

  /** What describe() knows: the config and its facts, where they come from, and the dtype that would load. */
  record Described(ModelConfig config, ModelFacts facts, String source, String dtype, boolean synthetic,
      Path tokenizerJson) {}

  static Described describe(ModelRef ref, OnnxSettings settings) throws BadInputException {
    Path dir = Path.of(ref.id());
    ModelConfig config;
    boolean synthetic = !Files.isDirectory(dir);
    if (!synthetic) {
      if (!ref.options().isEmpty()) {
        throw new BadInputException("--model-opt " + ref.options().keySet().iterator().next()
            + ": overrides apply to synthesised models only; the ONNX graph in " + dir + " fixes its shape");
      }
      Path json = ref.configFile() != null ? ref.configFile() : dir.resolve("config.json");
      if (!Files.isRegularFile(json)) {
        throw new BadInputException(json + ": missing model config (expected a Hugging Face config.json, or "
            + "--model-config FILE)");
      }
      config = ModelConfig.read(json);
    } else {
      ModelConfig base = ref.configFile() != null ? ModelConfig.read(ref.configFile()) : Presets.get(ref.id());
      try {
        config = base.withOverrides(ref.options());
      } catch (IllegalArgumentException e) {
        throw new BadInputException(e.getMessage(), e);
      }
    }
    String source = !synthetic ? dir.toAbsolutePath().toString()
        : ref.configFile() != null ? "synthetic from " + ref.configFile() : "synthetic preset " + ref.id();
    Path tokenizer = synthetic || !Files.isRegularFile(dir.resolve("tokenizer.json")) ? null
        : dir.resolve("tokenizer.json");
    return new Described(config, facts(config, ref), source, settings.dtype(), synthetic, tokenizer);
  }

  static ModelFacts facts(ModelConfig config, ModelRef ref) {
    Map<String, Object> applied = new LinkedHashMap<>(ref.options());
    return ModelFacts.of(config, applied);
  }

  /** The layout asked of the resolver: auto means merged, the layout transformers.js loads by default. */
  static String layout(OnnxSettings settings) {
    return settings.layout().equals("auto") ? "merged" : settings.layout();
  }

  static ResolvedModel resolve(ModelResolver resolver, ModelRef ref, OnnxSettings settings) throws BadInputException {
    return resolver.resolve(ref.id(), ref.configFile(), ref.options(), settings.dtype(), layout(settings),
        settings.weightsSeed());
  }
}
