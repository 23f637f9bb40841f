package org.inferbench.results;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What reading one or more results files gave: the good records in file order, and the lines that were not. */
public record LoadedResults(List<ResultRecord> records, List<LineError> errors) {
  public LoadedResults {
    records = List.copyOf(records);
    errors = List.copyOf(errors);
  }

  public static LoadedResults empty() {
    return new LoadedResults(List.of(), List.of());
  }

  /** The config_keys that already have an ok record: what {@code --resume} skips. */
  public Set<String> okConfigKeys() {
    Set<String> keys = new LinkedHashSet<>();
    for (ResultRecord r : records) {
      if (r.ok()) keys.add(r.configKey());
    }
    return keys;
  }

  /** Latest record per config_key, and the older ones. */
  public LatestRecords latest() {
    return LatestRecords.byConfigKey(records);
  }
}
