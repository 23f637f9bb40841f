package org.inferbench.run;

import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.ModelInfo;
import org.inferbench.workload.Configuration;

/**
 * A configuration checked against its engine and model before anything runs.
 *
 * @param settings every engine setting with defaults filled in (null when the cell is not applicable)
 * @param info what the engine knows about the model (null when it could not be described)
 * @param notApplicable why the model or engine cannot take this cell, or null
 */
public record Plan(Configuration configuration, EngineSettings settings, ModelInfo info, String notApplicable) {
  public boolean runnable() {
    return notApplicable == null;
  }

  /** The configuration's label with the output length this model takes (none for an encoder). */
  public String label() {
    java.util.Map<String, String> shown = new java.util.TreeMap<>();
    configuration.engineOpts().forEach((k, v) -> shown.put(k, settings != null ? settings.values().getOrDefault(k, v) : v));
    return configuration.label(shown, output());
  }

  /** Encoders ignore the output length: it is recorded as 0. */
  public int output() {
    return info != null && !info.shape().generates() ? 0 : configuration.output();
  }
}
