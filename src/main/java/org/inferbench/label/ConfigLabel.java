package org.inferbench.label;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one label of a configuration, e.g. {@code gpt2 onnx b1 p128 o64 threads=2}: the model, then the named
 * parameters in the order given — batch as b, prompt as p, output as o (left out when 0: an encoder has none),
 * machine as @, the engine, load and lengths ({@code uniform:0.25}) by their value, anything else as key=value.
 * Callers pass every parameter they know and say which to show: all of them, or only those that tell the
 * configurations of one table apart.
 */
public final class ConfigLabel {
  /** The prefix of a model option among a configuration's parameters ({@code model.n_positions}). */
  public static final String MODEL_OPTION = "model.";
  /** A default model label: the model, then its options in brackets ({@link #modelLabel}). */
  private static final Pattern DEFAULT_MODEL_LABEL = Pattern.compile("(.+)\\[([^\\[\\]=,]+=[^\\[\\],]*"
      + "(?:,[^\\[\\]=,]+=[^\\[\\],]*)*)]");

  private ConfigLabel() {}

  /**
   * The name a model goes by when its user gives none: the model, then its options in brackets,
   * {@code gpt2-medium[n_positions=2048]}. Results are keyed by it, so its form stays; labels show it short.
   */
  public static String modelLabel(String model, Map<String, String> options) {
    if (options.isEmpty()) return model;
    StringJoiner j = new StringJoiner(",", model + "[", "]");
    new TreeMap<>(options).forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }

  /** A default model label as a label shows it, {@code gpt2-medium n_positions=2048}; any other unchanged. */
  static String shortModel(String modelLabel) {
    Matcher m = DEFAULT_MODEL_LABEL.matcher(modelLabel);
    return m.matches() ? m.group(1) + " " + m.group(2).replace(',', ' ') : modelLabel;
  }

  /** A configuration's usual parameters in the label's order; a null engine is left out, settings by key. */
  public static Map<String, String> parameters(String model, String engine, int batch, int prompt, int output,
      Map<String, String> settings) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("model", model);
    if (engine != null) p.put("engine", engine);
    p.put("batch", Integer.toString(batch));
    p.put("prompt", Integer.toString(prompt));
    p.put("output", Integer.toString(output));
    if (settings != null) p.putAll(new TreeMap<>(settings));
    return p;
  }

  /** Every parameter in {@code parameters} (model first). */
  public static String of(Map<String, String> parameters) {
    return of(parameters, parameters.keySet());
  }

  /**
   * The model and the parameters named in {@code shown}, in the order of {@code parameters}. A model option
   * ({@code model.KEY}) is part of the model: its name already says it (a user's label names it, a default label
   * lists it), so it is shown, as KEY=value, only where the names do not tell the configurations apart.
   */
  public static String of(Map<String, String> parameters, Collection<String> shown) {
    List<String> parts = new ArrayList<>();
    parts.add(shortModel(parameters.getOrDefault("model", "?")));
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      String k = e.getKey();
      String v = e.getValue();
      if (k.equals("model") || k.equals("shape") || !shown.contains(k) || v == null) continue;
      if (k.startsWith(MODEL_OPTION)) {
        if (!shown.contains("model")) parts.add(k.substring(MODEL_OPTION.length()) + "=" + v);
        continue;
      }
      switch (k) {
        case "batch" -> parts.add("b" + v);
        case "prompt" -> parts.add("p" + v);
        case "output" -> {
          if (!v.equals("0")) parts.add("o" + v);
        }
        case "machine" -> parts.add("@" + v);
        case "engine", "load", "lengths" -> parts.add(v);
        default -> parts.add(k + "=" + v);
      }
    }
    return String.join(" ", parts);
  }
}
