package org.inferbench.workload;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Per-request service-level objectives, {@code ttft=500ms,tpot=50ms,e2e=10s}: a request meets them when each of its
 * figures is at or under its bound (METRICS.md: goodput).
 */
public record Slo(Double ttftMs, Double tpotMs, Double e2eMs) {
  public static Slo parse(String text) {
    Map<String, Double> ms = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      String[] kv = part.split("=", 2);
      String key = kv[0].trim().toLowerCase(Locale.ROOT);
      if (kv.length != 2 || !(key.equals("ttft") || key.equals("tpot") || key.equals("e2e"))) {
        throw new IllegalArgumentException("--slo: expected ttft=D, tpot=D or e2e=D separated by commas (D like 500ms),"
            + " got '" + part.trim() + "'");
      }
      ms.put(key, Durations.seconds("--slo " + key, kv[1].trim()) * 1000);
    }
    return new Slo(ms.get("ttft"), ms.get("tpot"), ms.get("e2e"));
  }

  /** Whether a request with these figures (ms; tpot NaN for a single token) meets every objective. */
  public boolean met(double ttftMs, double tpotMs, double e2eMs) {
    return (this.ttftMs == null || ttftMs <= this.ttftMs)
        && (this.tpotMs == null || Double.isNaN(tpotMs) || tpotMs <= this.tpotMs)
        && (this.e2eMs == null || e2eMs <= this.e2eMs);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (ttftMs != null) b.append("ttft=").append(Durations.format(ttftMs / 1000)).append(',');
    if (tpotMs != null) b.append("tpot=").append(Durations.format(tpotMs / 1000)).append(',');
    if (e2eMs != null) b.append("e2e=").append(Durations.format(e2eMs / 1000)).append(',');
    return b.isEmpty() ? "" : b.substring(0, b.length() - 1);
  }
}
