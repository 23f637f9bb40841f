package org.inferbench.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Checked settings of one configuration: every declared key, user values over the engine's defaults. */
public record EngineSettings(Map<String, String> values) {
  public EngineSettings {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** Checks user values against the declared specs and fills in defaults; throws naming the bad key. */
  public static EngineSettings resolve(String engine, List<SettingSpec> specs, Map<String, String> given) {
    Map<String, SettingSpec> byKey = new LinkedHashMap<>();
    for (SettingSpec s : specs) byKey.put(s.key(), s);
    Map<String, String> out = new TreeMap<>();
    for (SettingSpec s : specs) {
      if (s.defaultValue() != null) out.put(s.key(), s.defaultValue());
    }
    for (Map.Entry<String, String> e : given.entrySet()) {
      SettingSpec spec = byKey.get(e.getKey());
      if (spec == null) {
        throw new IllegalArgumentException("--engine-opt " + e.getKey() + ": engine '" + engine
            + "' has no such setting (it has: " + String.join(", ", byKey.keySet()) + ")");
      }
      out.put(e.getKey(), spec.check(e.getValue()));
    }
    return new EngineSettings(out);
  }

  public String get(String key) {
    String v = values.get(key);
    if (v == null) throw new IllegalStateException("setting not declared: " + key);
    return v;
  }

  public int getInt(String key) {
    return Integer.parseInt(get(key));
  }

  public double getDouble(String key) {
    return Double.parseDouble(get(key));
  }

  public boolean getBoolean(String key) {
    return Boolean.parseBoolean(get(key));
  }
}
