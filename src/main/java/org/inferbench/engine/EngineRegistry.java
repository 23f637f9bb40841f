package org.inferbench.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.inferbench.engine.calibration.CalibrationEngine;
import org.inferbench.engine.onnx.OnnxEngine;

/** The engines the tool knows by name; a new engine is one line here. */
public final class EngineRegistry {
  private static final Map<String, Supplier<Engine>> ENGINES = new LinkedHashMap<>();

  static {
    ENGINES.put("calibration", CalibrationEngine::new);
    ENGINES.put("onnx", OnnxEngine::new);
  }

  private EngineRegistry() {}

  public static Engine get(String name) throws BadInputException {
    Supplier<Engine> s = ENGINES.get(name);
    if (s == null) {
      throw new BadInputException("--engine: unknown engine '" + name + "' (known: " + String.join(", ", ENGINES.keySet()) + ")");
    }
    return s.get();
  }

  public static Iterable<String> names() {
    return ENGINES.keySet();
  }
}
