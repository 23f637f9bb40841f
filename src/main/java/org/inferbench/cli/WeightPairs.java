package org.inferbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.Engine;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.ModelRef;
import org.inferbench.engine.SettingRole;
import org.inferbench.engine.SettingSpec;

/**
 * The weight types two engines run side by side: given as {@code A:B} (the first engine's type, then the
 * second's), or by default the first engine's default type beside the second engine's type whose projections cost
 * most nearly the same bytes per weight (fp32 beside F32), found from each engine's own description of the model.
 */
record WeightPairs(String first, String second) {
  static List<WeightPairs> parse(List<String> given) throws BadInputException {
    List<WeightPairs> pairs = new ArrayList<>();
    for (String g : given) {
      String[] p = g.split(":", -1);
      if (p.length != 2 || p[0].isBlank() || p[1].isBlank()) {
        throw new BadInputException("--weights: expected A:B (the first engine's weight type, then the second's), got '"
            + g + "'");
      }
      pairs.add(new WeightPairs(p[0].trim(), p[1].trim()));
    }
    return pairs;
  }

  static WeightPairs nearest(Engine a, Engine b, ModelRef model) throws BadInputException {
    SettingSpec specA = weightSpec(a);
    SettingSpec specB = weightSpec(b);
    String typeA = defaultType(a, specA, model);
    double bytes = bytesPerWeight(a, specA, typeA, model);
    String best = defaultType(b, specB, model);
    double distance = Double.POSITIVE_INFINITY;
    for (String v : specB.allowed()) {
      double d;
      try {
        d = Math.abs(Math.log(bytesPerWeight(b, specB, v, model) / bytes));
      } catch (BadInputException | RuntimeException e) {
        continue; // a type this model or file cannot have
      }
      if (d < distance) {
        distance = d;
        best = v;
      }
    }
    return new WeightPairs(typeA, best);
  }

  /** The type an engine runs when none is given: its setting's default, else what it describes the model in. */
  private static String defaultType(Engine e, SettingSpec spec, ModelRef model) throws BadInputException {
    if (spec.defaultValue() != null) return spec.defaultValue();
    return e.describe(model, EngineSettings.resolve(e.name(), e.settings(), Map.of())).dtype();
  }

  private static SettingSpec weightSpec(Engine e) throws BadInputException {
    return e.settings().stream().filter(s -> s.role() == SettingRole.WEIGHT_TYPE).findFirst()
        .orElseThrow(() -> new BadInputException("--engine " + e.name() + ": it has no weight type setting to pair"));
  }

  private static double bytesPerWeight(Engine e, SettingSpec spec, String value, ModelRef model)
      throws BadInputException {
    EngineSettings settings = EngineSettings.resolve(e.name(), e.settings(), Map.of(spec.key(), value));
    ModelInfo info = e.describe(model, settings);
    if (info.facts() == null) throw new BadInputException(e.name() + " reports no weight bytes for " + model.id());
    return info.facts().weights().matmul();
  }
}
