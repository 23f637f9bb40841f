package org.inferbench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.inferbench.engine.Engine;
import org.inferbench.engine.LoadedModel;
import org.inferbench.fleet.ClientLink;
import org.inferbench.fleet.ClientRun;
import org.inferbench.fleet.ClockOffset;
import org.inferbench.fleet.ShapeJson;
import org.inferbench.load.LoadGenerator;
import org.inferbench.load.LoadRun;
import org.inferbench.load.LoadShape;
import org.inferbench.registry.EngineRegistry;

/**
 * In a client process: its share of a configuration's load, as its coordinator's job says, from the common start.
 * Its requests are the ones the whole load would number from its share's first (so N clients send what one would).
 */
public final class LoadClient {
  /** Round trips for an alignment: the shortest of 200 over loopback is tens of microseconds. */
  static final int ROUNDS = 200;

  private LoadClient() {}

  public static void serve(Plan plan, ClientLink link, int index) throws Exception {
    Map<String, Object> job = link.job();
    @SuppressWarnings("unchecked")
    LoadShape shape = ShapeJson.parse((Map<String, Object>) job.get("shape"));
    int warmup = number(job, "warmup").intValue();
    int requests = number(job, "requests").intValue();
    int warmupBase = number(job, "warmup_base").intValue();
    int base = number(job, "base").intValue();
    double maxTimeS = number(job, "max_time_s").doubleValue();
    double timeoutS = number(job, "timeout_s").doubleValue();
    // clients of the coordinator's host read its very clock; round trips only where asked (other hosts, a test)
    ClockOffset clock = Boolean.TRUE.equals(job.get("round_trip")) ? link.roundTrips(ROUNDS) : ClockOffset.sameHost();
    var c = plan.configuration();
    Engine engine = EngineRegistry.get(c.engine());
    try (LoadedModel model = engine.load(c.model().ref(), plan.settings())) {
      RequestMaker maker = new RequestMaker(plan, model);
      GenerationTarget target = new GenerationTarget(model,
          i -> maker.at(i < warmup ? warmupBase + i : base + i - warmup));
      long[] cpuAtStart = new long[1];
      LoadRun run = LoadGenerator.run(target, shape, warmup, requests, maxTimeS, timeoutS, () -> {
        try {
          long start = clock.toClient(link.awaitStart());
          cpuAtStart[0] = cpuNs();
          return start;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      double cpuS = (cpuNs() - cpuAtStart[0]) / 1e9;
      link.send(new ClientRun(index, host(), clock, ShapeJson.label(shape), run.requests(), run.spans(), run.ramp(),
          cpuS));
    }
  }

  private static Number number(Map<String, Object> job, String key) {
    Object v = job.get(key);
    if (v instanceof Number n) return n;
    if ("inf".equals(v)) return Double.POSITIVE_INFINITY;
    throw new IllegalArgumentException("job: no " + key);
  }

  static long cpuNs() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
