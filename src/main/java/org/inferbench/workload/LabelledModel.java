package org.inferbench.workload;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.inferbench.engine.ModelRef;
import org.inferbench.label.ConfigLabel;

/**
 * One model of a workload: what to load, and the label it goes by in tables. A labelled override (say
 * {@code max_position_embeddings: 2048}) is a different model and shows its label.
 *
 * @param model preset name, directory, or (calibration engine) any label
 * @param label the name in tables; defaults to the model plus its overrides
 * @param config {@code --model-config} file, or null
 * @param options {@code --model-opt} overrides of config fields
 */
public record LabelledModel(String model, String label, Path config, Map<String, String> options) {
  public LabelledModel {
    if (model == null || model.isBlank()) throw new IllegalArgumentException("model: expected a preset name or a directory");
    options = java.util.Collections.unmodifiableMap(new TreeMap<>(options == null ? Map.of() : options));
    if (label == null || label.isBlank()) label = ConfigLabel.modelLabel(model, options);
  }

  public static LabelledModel of(String model) {
    return new LabelledModel(model, null, null, Map.of());
  }

  public ModelRef ref() {
    return new ModelRef(model, config, options);
  }
}
