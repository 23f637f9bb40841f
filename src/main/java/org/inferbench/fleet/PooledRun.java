package org.inferbench.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.inferbench.load.LoadRun;
import org.inferbench.load.LoadShape;
import org.inferbench.load.RequestTimes;

/**
 * Many clients' runs as one: every request moved onto the coordinator's clock and pooled, so each statistic (a
 * percentile, a throughput over the window) is computed over all requests at once — never an average of the
 * clients' own figures, which would be wrong for any percentile.
 */
public final class PooledRun {
  private PooledRun() {}

  /** The clients' requests as one run of the whole {@code shape}. */
  public static LoadRun of(LoadShape shape, List<ClientRun> clients) {
    List<RequestTimes> requests = new ArrayList<>();
    List<RequestTimes> ramp = new ArrayList<>();
    List<long[]> spans = new ArrayList<>();
    for (ClientRun c : clients) {
      for (RequestTimes r : c.requests()) requests.add(c.shifted(r));
      for (RequestTimes r : c.ramp()) ramp.add(c.shifted(r));
      for (long[] s : c.spans()) spans.add(new long[] {s[0] + c.clock().offsetNs(), s[1] + c.clock().offsetNs()});
    }
    requests.sort(Comparator.comparingLong(RequestTimes::sendNs));
    ramp.sort(Comparator.comparingLong(RequestTimes::sendNs));
    return new LoadRun(shape, requests, spans, ramp);
  }

  /**
   * Each client as the record lists it: its share, requests, failures by kind, its own CPU time and share of a core
   * over the pooled window, and how its clock was aligned.
   */
  public static List<Map<String, Object>> perClient(List<ClientRun> clients, double windowS) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ClientRun c : clients) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("client", c.index());
      m.put("host", c.host());
      m.put("share", c.share());
      m.put("requests", c.requests().size());
      Map<String, Integer> errors = new TreeMap<>();
      for (RequestTimes r : c.requests()) {
        if (!r.ok()) errors.merge(r.error() == null ? "no tokens" : r.error(), 1, Integer::sum);
      }
      m.put("failed", errors.values().stream().mapToInt(Integer::intValue).sum());
      if (!errors.isEmpty()) m.put("errors", errors);
      m.put("cpu_s", Math.round(c.cpuS() * 1000) / 1000.0);
      if (windowS > 0) m.put("cpu_cores", Math.round(c.cpuS() / windowS * 1000) / 1000.0);
      Map<String, Object> clock = new LinkedHashMap<>();
      clock.put("method", c.clock().method());
      clock.put("offset_ms", c.clock().offsetNs() / 1e6);
      clock.put("uncertainty_ms", c.clock().uncertaintyNs() / 1e6);
      if (c.clock().rounds() > 0) clock.put("rounds", c.clock().rounds());
      m.put("clock", clock);
      out.add(m);
    }
    return out;
  }

  /** The largest clock uncertainty among the clients: what any time between two clients' events may be off by. */
  public static double uncertaintyMs(List<ClientRun> clients) {
    return clients.stream().mapToLong(c -> c.clock().uncertaintyNs()).max().orElse(0) / 1e6;
  }
}
