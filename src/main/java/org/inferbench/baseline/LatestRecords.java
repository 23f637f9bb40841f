package org.inferbench.baseline;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.inferbench.results.ResultRecord;

/** The latest record of each config_key: latest timestamp, and of equal timestamps the one listed last. */
final class LatestRecords {
  private LatestRecords() {}

  static Map<String, ResultRecord> byConfigKey(List<ResultRecord> records, Predicate<ResultRecord> keep) {
    Map<String, ResultRecord> latest = new LinkedHashMap<>();
    for (ResultRecord r : records) {
      if (r.configKey() == null) throw new IllegalArgumentException("config_key: expected on every record, got none");
      if (!keep.test(r)) continue;
      ResultRecord seen = latest.get(r.configKey());
      if (seen == null || !instant(r).isBefore(instant(seen))) latest.put(r.configKey(), r);
    }
    return latest;
  }

  private static Instant instant(ResultRecord r) {
    if (r.timestamp() == null) return Instant.MIN;
    try {
      return Instant.parse(r.timestamp());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("timestamp: expected an ISO-8601 instant in record " + r.configKey()
          + ", got '" + r.timestamp() + "'");
    }
  }
}
