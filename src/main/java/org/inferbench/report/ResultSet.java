package org.inferbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.inferbench.results.ResultRecord;

/**
 * The records a report reads, organised: per config_key the latest record is current and every record, oldest
 * first, is its history (the trends); current results are grouped by machine (env_fingerprint).
 */
public final class ResultSet {
  private final Map<String, List<ConfigResult>> history = new LinkedHashMap<>();
  private final List<ConfigResult> current = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  public ResultSet(List<ResultRecord> records) {
    int i = 0;
    for (ResultRecord r : records) {
      i++;
      if (r == null || r.workload() == null) {
        problems.add("record " + i + " has no workload: left out");
        continue;
      }
      // a record without a config_key still reports, as its own configuration
      // the same configuration on another machine is another series, never the same history
      String key = (r.configKey() != null ? r.configKey() : "record-" + i) + "@" + r.envFingerprint();
      history.computeIfAbsent(key, k -> new ArrayList<>()).add(new ConfigResult(r));
    }
    for (List<ConfigResult> h : history.values()) {
      h.sort(Comparator.comparing(ConfigResult::time));
      current.add(h.get(h.size() - 1));
    }
    current.sort(Comparator.comparing(ConfigResult::machine).thenComparing(ConfigResult::model)
        .thenComparing(c -> c.parametersWithout("batch", "prompt", "output").toString())
        .thenComparingInt(c -> c.workload().batch()).thenComparingInt(c -> c.workload().prompt())
        .thenComparingInt(c -> c.workload().output()));
  }

  /** The latest record of each configuration, ordered by machine, model and parameters. */
  public List<ConfigResult> current() {
    return current;
  }

  public List<ConfigResult> currentOk() {
    return current.stream().filter(c -> c.record().ok()).toList();
  }

  /** Every record of the configuration, oldest first. */
  public List<ConfigResult> history(ConfigResult c) {
    return history.values().stream().filter(h -> h.contains(c)).findFirst().orElse(List.of(c));
  }

  public Map<String, List<ConfigResult>> histories() {
    return history;
  }

  public List<String> problems() {
    return problems;
  }

  /** Distinct machines (env fingerprints) of the current results, in order. */
  public List<String> machines() {
    return current.stream().map(ConfigResult::machine).distinct().toList();
  }

  public List<ConfigResult> currentOkOn(String machine) {
    return currentOk().stream().filter(c -> c.machine().equals(machine)).toList();
  }

  /** Parameter names whose values differ among the current results, in {@link ConfigResult#parameters()} order. */
  public List<String> varying() {
    return varying(current);
  }

  /**
   * Parameters with one value in every current result, "prompt 128" style, in {@link ConfigResult#parameters()}
   * order: what every table of the report holds constant, stated beside it.
   */
  public List<String> constant() {
    if (current.isEmpty()) return List.of();
    List<Map<String, String>> all = current.stream().map(ConfigResult::parameters).toList();
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : all.get(0).entrySet()) {
      if (e.getValue() == null || e.getValue().equals("null")) continue;
      if (all.stream().allMatch(p -> e.getValue().equals(p.get(e.getKey())))) out.add(e.getKey() + " " + e.getValue());
    }
    return out;
  }

  /**
   * Parameter names with two or more values among the results that have them. A setting of one engine that every
   * configuration of that engine shares does not vary (configurations of another engine lack it rather than differ
   * in it): labels name the engine, and that setting only where it tells configurations apart.
   */
  public static List<String> varying(List<ConfigResult> results) {
    Set<String> names = new LinkedHashSet<>();
    for (ConfigResult c : results) names.addAll(c.parameters().keySet());
    List<String> out = new ArrayList<>();
    for (String n : names) {
      Set<String> values = new LinkedHashSet<>();
      for (ConfigResult c : results) {
        String v = c.parameters().get(n);
        if (v != null && !v.equals("null")) values.add(v);
      }
      if (values.size() > 1) out.add(n);
    }
    return out;
  }
}
