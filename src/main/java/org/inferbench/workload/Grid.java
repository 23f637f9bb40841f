package org.inferbench.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.SettingRole;
import org.inferbench.registry.EngineRegistry;

/**
 * Expands a workload into configurations: the cross product of models × engines × engine settings × batch ×
 * (prompt × output, or the explicit cases) × load. Models and settings are the outer loops, so consecutive
 * configurations share a loaded model and each model loads as few times as possible.
 */
public final class Grid {
  private Grid() {}

  /** Several grids (a sweep file's) as one list, numbered in order. */
  public static List<Configuration> expand(List<WorkloadSpec> specs) {
    List<Configuration> out = new ArrayList<>();
    for (WorkloadSpec s : specs) {
      for (Configuration c : expand(s)) {
        out.add(new Configuration(out.size(), c.model(), c.engine(), c.engineOpts(), c.batch(), c.prompt(), c.output(),
            c.load(), c.params()));
      }
    }
    return out;
  }

  public static List<Configuration> expand(WorkloadSpec spec) {
    RunParams params = spec.params();
    List<Case> cases = spec.lengthCases();
    List<Configuration> out = new ArrayList<>();
    List<Load> loads = spec.loads().isEmpty() ? java.util.Collections.singletonList(null) : spec.loads();
    for (LabelledModel m : spec.models()) {
      for (String engine : spec.engines()) {
        for (Map<String, String> settings : combos(forEngine(engine, spec.engineOpts()))) {
          for (int b : spec.batch()) {
            for (Case c : cases) {
              for (Load load : loads) {
                out.add(new Configuration(out.size(), m, engine, settings, b, c.prompt(), c.output(), load, params));
              }
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * The settings one engine gets: those scoped to it ({@code llamacpp.flash-attn=on}) without their prefix, none
   * scoped to another engine, and the unscoped rest. Settings named by role ({@code @threads=2} from
   * {@code --threads 2}) become the engine's own key for that role; where the engine has none, the role key stays
   * and planning marks the cell not applicable. A value given under the engine's own name wins over an alias, a
   * scoped value over an unscoped one.
   */
  static Map<String, List<String>> forEngine(String engine, Map<String, List<String>> opts) {
    Map<String, List<String>> scoped = new LinkedHashMap<>();
    Map<String, List<String>> mine = new LinkedHashMap<>();
    opts.forEach((k, v) -> {
      int dot = k.indexOf('.');
      String prefix = dot < 0 ? null : k.substring(0, dot);
      if (engine.equals(prefix)) {
        mine.put(k.substring(dot + 1), v);
      } else if (prefix == null || !EngineRegistry.names().contains(prefix)) {
        scoped.putIfAbsent(k, v); // an unknown prefix stays, so the engine names the key it does not have
      }
    });
    scoped.putAll(mine);
    if (scoped.keySet().stream().noneMatch(k -> k.startsWith(RoleKeys.PREFIX))) return scoped;
    Map<SettingRole, String> roles;
    try {
      roles = EngineSettings.roleKeys(EngineRegistry.get(engine).settings());
    } catch (BadInputException e) {
      return scoped; // an unknown engine is reported by planning, with the known ones
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    scoped.forEach((k, v) -> {
      SettingRole role = RoleKeys.role(k);
      String key = role == null ? k : roles.getOrDefault(role, k);
      if (role == null || !scoped.containsKey(key)) out.put(key, v);
    });
    return out;
  }

  /** Cross product of the setting values, keys in the order given. */
  static List<Map<String, String>> combos(Map<String, List<String>> opts) {
    List<Map<String, String>> acc = new ArrayList<>();
    acc.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(opts).entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : acc) {
        for (String v : e.getValue()) {
          Map<String, String> m = new LinkedHashMap<>(partial);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      acc = next;
    }
    return acc;
  }
}
