package org.inferbench.workload;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of every flag and key that takes a time: {@code 500ms}, {@code 90s}, {@code 5m},
 * {@code 1h}, or a bare number of seconds (what {@code --max-time} always took, so old files still read).
 */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

  private Durations() {}

  /** Seconds; a one-line error naming the field otherwise. */
  public static double seconds(String field, String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(field + ": expected a duration such as 500ms, 90s, 5m or 1h, got '" + text + "'");
    }
    double v = Double.parseDouble(m.group(1));
    double s = switch (m.group(2) == null ? "s" : m.group(2)) {
      case "ms" -> v / 1000;
      case "m", "min" -> v * 60;
      case "h" -> v * 3600;
      default -> v;
    };
    if (!(s > 0)) throw new IllegalArgumentException(field + ": expected a duration above 0, got '" + text + "'");
    return s;
  }

  /** "5 min 14 s", "1.5 s", "250 ms": how a duration is shown back to the user. */
  public static String format(double seconds) {
    if (seconds < 1) return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
    if (seconds < 60) return String.format(Locale.ROOT, "%.1f s", seconds);
    long s = Math.round(seconds);
    return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
  }
}
