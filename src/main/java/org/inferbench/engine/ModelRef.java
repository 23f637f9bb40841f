package org.inferbench.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the user named as the model: a preset, a directory, or a label; plus optional config file and overrides.
 *
 * @param id as given with {@code --model}
 * @param configFile {@code --model-config}, or null
 * @param options {@code --model-opt key=value} overrides of config fields
 */
public record ModelRef(String id, Path configFile, Map<String, String> options) {
  public ModelRef {
    options = java.util.Collections.unmodifiableMap(new TreeMap<>(options));
  }

  public static ModelRef of(String id) {
    return new ModelRef(id, null, Map.of());
  }
}
