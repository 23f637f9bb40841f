package org.inferbench.workload;

import java.util.Map;
import java.util.TreeMap;
import org.inferbench.label.ConfigLabel;

/**
 * One cell of the grid: a model on an engine with one value per setting, at one batch, prompt and output length
 * (each request's own where the params draw them or read them from a file: see {@link RequestSource}).
 *
 * @param engineOpts the user's settings for this cell (one value each); defaults are filled in by the engine
 * @param load how requests are put in flight (a serving benchmark), or null for one at a time
 */
public record Configuration(
    int index,
    LabelledModel model,
    String engine,
    Map<String, String> engineOpts,
    int batch,
    int prompt,
    int output,
    Load load,
    RunParams params) {
  public Configuration {
    engineOpts = java.util.Collections.unmodifiableMap(new TreeMap<>(engineOpts));
  }

  /** Its label, by {@link ConfigLabel}: {@code gpt2 onnx b1 p128 o64 threads=2}. */
  public String label() {
    return label(engineOpts, output);
  }

  /** The label with the given setting values (e.g. the engine's canonical spelling) and output length. */
  public String label(Map<String, String> opts, int shownOutput) {
    var p = ConfigLabel.parameters(model.label(), engine, batch, prompt, shownOutput, opts);
    if (load != null) p.put("load", load.label());
    if (params.lengthsLabel() != null) p.put("lengths", params.lengthsLabel());
    return ConfigLabel.of(p);
  }

  /** Same model, engine and settings: can share one loaded model. */
  public boolean sameModelAs(Configuration o) {
    return model.equals(o.model) && engine.equals(o.engine) && engineOpts.equals(o.engineOpts);
  }
}
