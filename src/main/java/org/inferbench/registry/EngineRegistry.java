package org.inferbench.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.Engine;

/**
 * The engines on the class path by name, found through {@link ServiceLoader}: a new engine registers one line in
 * {@code META-INF/services/org.inferbench.engine.Engine} and is named nowhere else. Engines are cheap to construct
 * (native libraries load only when a model loads), so listing them all costs nothing.
 */
public final class EngineRegistry {
  private EngineRegistry() {}

  private static Map<String, Engine> engines() {
    Map<String, Engine> byName = new LinkedHashMap<>();
    for (Engine e : ServiceLoader.load(Engine.class)) byName.put(e.name(), e);
    return byName;
  }

  /** A fresh instance of the named engine. */
  public static Engine get(String name) throws BadInputException {
    Engine e = engines().get(name);
    if (e == null) {
      throw new BadInputException("--engine: unknown engine '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
    return e;
  }

  public static List<String> names() {
    return List.copyOf(engines().keySet());
  }

  /** Every engine, in registration order (for help and listings). */
  public static List<Engine> all() {
    return List.copyOf(engines().values());
  }
}
