package org.inferbench.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a workload into configurations: the cross product of models × engines × engine settings × batch ×
 * (prompt × output, or the explicit cases). Models and settings are the outer loops, so consecutive
 * configurations share a loaded model and each model loads as few times as possible.
 */
public final class Grid {
  private Grid() {}

  /** Several grids (a sweep file's) as one list, numbered in order. */
  public static List<Configuration> expand(List<WorkloadSpec> specs) {
    List<Configuration> out = new ArrayList<>();
    for (WorkloadSpec s : specs) {
      for (Configuration c : expand(s)) {
        out.add(new Configuration(out.size(), c.model(), c.engine(), c.engineOpts(), c.batch(), c.prompt(), c.output(), c.params()));
      }
    }
    return out;
  }

  public static List<Configuration> expand(WorkloadSpec spec) {
    RunParams params = spec.params();
    List<Map<String, String>> settingCombos = combos(spec.engineOpts());
    List<Case> cases = new ArrayList<>(spec.cases());
    if (cases.isEmpty()) {
      for (int p : spec.prompt()) {
        for (int o : spec.output()) cases.add(new Case(p, o));
      }
    }
    List<Configuration> out = new ArrayList<>();
    for (ModelEntry m : spec.models()) {
      for (String engine : spec.engines()) {
        for (Map<String, String> settings : settingCombos) {
          for (int b : spec.batch()) {
            for (Case c : cases) {
              out.add(new Configuration(out.size(), m, engine, settings, b, c.prompt(), c.output(), params));
            }
          }
        }
      }
    }
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
