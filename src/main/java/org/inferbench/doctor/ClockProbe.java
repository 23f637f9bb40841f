package org.inferbench.doctor;

import java.util.Arrays;
import java.util.Locale;

/**
 * A short busy probe of the clock: the same fixed work timed over and over for about a second. On a steady machine
 * the iterations agree within a percent or two; frequency changes, throttling and other load spread them, and a
 * trend from the first to the last tenth says the clock is moving (warming up, or a boost that fades).
 */
final class ClockProbe {
  private static final int WORK = 200_000;
  private static volatile double sink;

  private ClockProbe() {}

  static Finding run(double seconds, double maxCv) {
    if (seconds <= 0) return Finding.hidden("clock probe", "skipped");
    long end = System.nanoTime() + (long) (seconds * 1e9);
    double[] times = new double[4096];
    int n = 0;
    work(); // compiled before it is timed
    while (System.nanoTime() < end && n < times.length) {
      long t0 = System.nanoTime();
      work();
      times[n++] = System.nanoTime() - t0;
    }
    double[] t = Arrays.copyOf(times, n);
    double[] sorted = t.clone();
    Arrays.sort(sorted);
    double median = sorted[n / 2];
    // the spread around the median, robust to a few preemptions: median absolute deviation scaled to an sd
    double[] dev = new double[n];
    for (int i = 0; i < n; i++) dev[i] = Math.abs(t[i] - median);
    Arrays.sort(dev);
    double cv = 1.4826 * dev[n / 2] / median;
    int tenth = Math.max(1, n / 10);
    double first = Arrays.stream(t, 0, tenth).sorted().toArray()[tenth / 2];
    double last = Arrays.stream(t, n - tenth, n).sorted().toArray()[tenth / 2];
    double trend = (last - first) / first;
    String state = String.format(Locale.ROOT, "%d iterations of %.0f µs: spread %.1f %%, last tenth vs first %+.1f %%",
        n, median / 1000, cv * 100, trend * 100);
    if (cv > maxCv || Math.abs(trend) > maxCv) {
      return Finding.warn("clock probe", state, "the same work takes varying time: frequency scaling, thermal limits"
          + " or other load; fix the governor and boost, or measure in forks spread over time");
    }
    return Finding.ok("clock probe", state);
  }

  private static void work() {
    double x = 1;
    for (int i = 0; i < WORK; i++) x = x * 1.0000001 + 1e-9;
    sink = x;
  }
}
