package org.inferbench.serve;

import java.util.Map;
import java.util.Set;
import org.inferbench.workload.Durations;

/**
 * The server's own settings, given with {@code --engine-opt} beside the engine's (they are taken out before the
 * engine sees the rest): {@code slots=N} (ground truth: streams producing tokens at once; default unlimited),
 * {@code ttft=DURATION} and {@code tpot=DURATION} (ground truth: fixed times instead of the calibration cost model's).
 * An engine's own capacity is its setting ({@code parallel=N}: llama.cpp's slots), not the server's.
 *
 * @param slots null when not given
 * @param ttftSeconds null when not given
 * @param tpotSeconds null when not given
 */
public record ServeSettings(Integer slots, Double ttftSeconds, Double tpotSeconds) {
  /** The keys this record takes out of {@code --engine-opt}. */
  public static final Set<String> KEYS = Set.of("slots", "ttft", "tpot");

  /** @throws IllegalArgumentException naming the bad key */
  public static ServeSettings parse(Map<String, String> given) {
    return new ServeSettings(count(given, "slots"), duration(given, "ttft"), duration(given, "tpot"));
  }

  private static Integer count(Map<String, String> given, String key) {
    String v = given.get(key);
    if (v == null) return null;
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // falls through to the message
    }
    throw new IllegalArgumentException("--engine-opt " + key + ": expected a positive integer, got '" + v + "'");
  }

  private static Double duration(Map<String, String> given, String key) {
    String v = given.get(key);
    if (v == null) return null;
    double s = Durations.seconds("--engine-opt " + key, v);
    if (!(s >= 0)) throw new IllegalArgumentException("--engine-opt " + key + ": expected a duration of 0 or more, got '" + v + "'");
    return s;
  }
}
