package org.inferbench.engine.llamacpp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.core.ModelFacts;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.ModelRef;
import org.inferbench.core.ModelShape;
import org.inferbench.model.HfConfig;
import org.inferbench.model.ModelCache;
import org.inferbench.model.ModelFormat;
import org.inferbench.model.Presets;
import org.inferbench.model.gguf.GgufFormat;

/**
 * A preset (or {@code --model-config}) written as GGUF by the gguf model format into the model cache. Its
 * description comes from the config and what the writer will write, whether or not the file exists yet, so a
 * dry run writes nothing and a configuration's key is the same before and after the file is written.
 */
final class GgufPreset {
  private static final GgufFormat FORMAT = new GgufFormat();

  private GgufPreset() {}

  /** A name that is no file or directory is a preset. */
  static boolean names(ModelRef ref) {
    return !Files.exists(Path.of(ref.id()));
  }

  static ModelInfo info(ModelRef ref, LlamaCppSettings s) throws BadInputException {
    HfConfig config = config(ref);
    ModelFacts written = FORMAT.facts(config, s.presetDtype());
    ModelFacts facts = new ModelFacts(written.dims(), written.weights(), written.logits(), s.kvBytesPerElement());
    Map<String, Object> details = new LinkedHashMap<>();
    config.summary().forEach((k, v) -> {
      if (v != null) details.put(k, v);
    });
    details.put("n_ctx_train", config.maxPositions());
    details.put("source", (ref.configFile() != null ? "synthetic from " + ref.configFile() : "synthetic preset "
        + ref.id()) + " (gguf, weights seed " + s.weightsSeed() + ")");
    details.put("overrides", ref.options());
    return new ModelInfo(ref.id(), ModelShape.DECODER, s.contextFor(config.maxPositions()), config.vocabSize(),
        config.specialTokenIds(null), config.configHash(), s.presetDtype(), facts, details);
  }

  /** The preset's file in the cache, written first if it is not there yet. */
  static Path file(ModelRef ref, LlamaCppSettings s, ModelCache cache) throws BadInputException {
    HfConfig config = config(ref);
    if (!FORMAT.writes(config.architecture())) {
      throw new BadInputException("--model " + ref.id() + ": GGUF is written for llama and gpt2 models, not "
          + config.architecture().modelType());
    }
    Path dir = cache.entry(FORMAT, ref.id(), config, new ModelFormat.Synthesis(s.presetDtype(), null, s.weightsSeed()));
    return GgufFormat.file(dir, s.presetDtype());
  }

  private static HfConfig config(ModelRef ref) throws BadInputException {
    HfConfig base = ref.configFile() != null ? HfConfig.read(ref.configFile()) : Presets.get(ref.id());
    try {
      return base.withOverrides(ref.options());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }
}
