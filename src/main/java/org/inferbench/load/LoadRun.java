package org.inferbench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The measured requests of one load shape, in the order they were sent, with their send-to-end spans.
 *
 * @param requests the measured requests: every statistic is theirs
 * @param spans each request's {send, end} (System.nanoTime), the ramp's included, for the count in flight over time
 * @param ramp the requests sent during the ramp-up, in send order: recorded, never in a statistic (as warm-up)
 */
public record LoadRun(LoadShape shape, List<RequestTimes> requests, List<long[]> spans, List<RequestTimes> ramp) {
  public LoadRun(LoadShape shape, List<RequestTimes> requests, List<long[]> spans) {
    this(shape, requests, spans, List.of());
  }

  /** First send → last end among the measured requests (METRICS.md's measured window), in seconds. */
  public double windowS() {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (RequestTimes r : requests) {
      first = Math.min(first, r.sendNs());
      last = Math.max(last, r.endNs());
    }
    return requests.isEmpty() ? 0 : (last - first) / 1e9;
  }

  /** The number in flight after each change: {seconds from the first send, count}, in time order. */
  public List<double[]> inFlightOverTime() {
    TreeMap<Long, Integer> delta = new TreeMap<>();
    for (long[] s : spans) {
      delta.merge(s[0], 1, Integer::sum);
      delta.merge(s[1], -1, Integer::sum);
    }
    List<double[]> out = new ArrayList<>();
    if (delta.isEmpty()) return out;
    long t0 = delta.firstKey();
    int n = 0;
    for (var e : delta.entrySet()) {
      n += e.getValue();
      out.add(new double[] {(e.getKey() - t0) / 1e9, n});
    }
    return out;
  }

  /** The most requests in flight at once. */
  public int peakInFlight() {
    int peak = 0;
    for (double[] p : inFlightOverTime()) peak = Math.max(peak, (int) p[1]);
    return peak;
  }
}
