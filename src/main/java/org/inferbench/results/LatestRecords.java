package org.inferbench.results;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records grouped by config_key: the latest of each (what reports show) and the earlier ones (history for
 * trends).
 *
 * @param latest latest record per config_key, in order of each key's first appearance
 * @param history the other records per config_key, oldest first; keys with a single record are absent
 */
public record LatestRecords(Map<String, ResultRecord> latest, Map<String, List<ResultRecord>> history) {
  public LatestRecords {
    latest = Collections.unmodifiableMap(new LinkedHashMap<>(latest));
    Map<String, List<ResultRecord>> h = new LinkedHashMap<>();
    history.forEach((k, v) -> h.put(k, List.copyOf(v)));
    history = Collections.unmodifiableMap(h);
  }

  /**
   * Latest by timestamp (compared as instants, not as text); of equal timestamps the later one in the list
   * wins, so file order breaks ties. A timestamp that does not parse counts as oldest.
   */
  public static LatestRecords byConfigKey(List<ResultRecord> records) {
    Map<String, List<ResultRecord>> byKey = new LinkedHashMap<>();
    for (ResultRecord r : records) byKey.computeIfAbsent(r.configKey(), k -> new ArrayList<>()).add(r);
    Map<String, ResultRecord> latest = new LinkedHashMap<>();
    Map<String, List<ResultRecord>> history = new LinkedHashMap<>();
    byKey.forEach((key, list) -> {
      List<ResultRecord> sorted = new ArrayList<>(list);
      // a stable sort keeps file order among equal instants
      sorted.sort((a, b) -> instant(a).compareTo(instant(b)));
      latest.put(key, sorted.get(sorted.size() - 1));
      if (sorted.size() > 1) history.put(key, sorted.subList(0, sorted.size() - 1));
    });
    return new LatestRecords(latest, history);
  }

  public List<ResultRecord> latestList() {
    return List.copyOf(latest.values());
  }

  public List<ResultRecord> historyOf(String configKey) {
    return history.getOrDefault(configKey, List.of());
  }

  private static Instant instant(ResultRecord r) {
    try {
      return r.timestamp() == null ? Instant.MIN : Instant.parse(r.timestamp());
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }
}
