package org.inferbench.engine;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checked settings of one configuration: every declared key, user values over the engine's defaults, and which key
 * plays which {@link SettingRole}.
 */
public record EngineSettings(Map<String, String> values, Map<SettingRole, String> roleKeys) {
  public EngineSettings {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
    roleKeys = roleKeys.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(roleKeys));
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
      if (spec == null) spec = byPrefix(specs, e.getKey());
      if (spec == null && e.getKey().startsWith("@")) {
        throw new IllegalArgumentException("engine '" + engine + "' has no such setting: nothing plays the "
            + e.getKey().substring(1) + " role");
      }
      if (spec == null) {
        throw new IllegalArgumentException("--engine-opt " + e.getKey() + ": engine '" + engine
            + "' has no such setting (it has: " + String.join(", ", byKey.keySet()) + ")");
      }
      out.put(e.getKey(), spec.check(e.getValue()));
    }
    return new EngineSettings(out, roleKeys(specs));
  }

  /**
   * The spec of a family of keys ({@code server.*}: any {@code server.NAME}, e.g. the values of a server command's
   * placeholders), or null.
   */
  private static SettingSpec byPrefix(List<SettingSpec> specs, String key) {
    for (SettingSpec s : specs) {
      if (s.key().endsWith(".*") && key.startsWith(s.key().substring(0, s.key().length() - 1))
          && key.length() > s.key().length() - 1) {
        return s;
      }
    }
    return null;
  }

  /** Which declared key plays each role (at most one key per role). */
  public static Map<SettingRole, String> roleKeys(List<SettingSpec> specs) {
    Map<SettingRole, String> roles = new EnumMap<>(SettingRole.class);
    for (SettingSpec s : specs) {
      if (s.role() == SettingRole.NONE) continue;
      String before = roles.put(s.role(), s.key());
      if (before != null) {
        throw new IllegalStateException("settings " + before + " and " + s.key() + " both declare role " + s.role());
      }
    }
    return roles;
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

  /** The value of the setting that plays this role, if the engine declares one and it has a value. */
  public Optional<String> byRole(SettingRole role) {
    String key = roleKeys.get(role);
    return key == null ? Optional.empty() : Optional.ofNullable(values.get(key));
  }

  /** The thread count asked for; 0 when the engine's default is in force or the engine has no thread setting. */
  public int threads() {
    return byRole(SettingRole.THREADS).filter(v -> v.matches("\\d+")).map(Integer::parseInt).orElse(0);
  }

  /** False only when the engine has a KV-cache setting and it is off. */
  public boolean kvCacheOn() {
    return !byRole(SettingRole.KV_CACHE).map("off"::equals).orElse(false);
  }

  /** The role keys by role name, as results record them ({@code {"threads": "threads", "kv_cache": "kv-cache"}}). */
  public Map<String, String> roleKeysByName() {
    Map<String, String> m = new TreeMap<>();
    roleKeys.forEach((r, k) -> m.put(r.key(), k));
    return m;
  }
}
