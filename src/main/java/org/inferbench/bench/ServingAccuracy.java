package org.inferbench.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.inferbench.engine.openai.client.ChunkArrival;
import org.inferbench.engine.openai.client.RequestTrace;
import org.inferbench.engine.openai.client.StreamHandle;
import org.inferbench.engine.openai.client.StreamingClient;
import org.inferbench.engine.openai.stream.Api;
import org.inferbench.load.Arrival;
import org.inferbench.load.LoadGenerator;
import org.inferbench.load.LoadRun;
import org.inferbench.load.LoadShape;
import org.inferbench.load.RequestTimes;
import org.inferbench.load.Target;
import org.inferbench.load.ServingStats;

/**
 * InferBench's own timing error over HTTP, against the ground-truth server ({@code inferbench serve --engine
 * calibration}, which stamps every chunk with the time it wrote it): per chunk, the arrival time the client recorded
 * minus the server's write time, at each number of concurrent streams. Streams are phased evenly (requests sent at a
 * constant rate of streams ÷ request duration), each asking {@code tokens} chunks; the server's own lateness (its
 * write time minus its deadline) is read beside it, so the client's error and the server's are told apart.
 *
 * <p>Run: {@code scripts/serving-accuracy.sh}, or {@code java -cp 'target/inferbench.jar:target/lib/*'
 * org.inferbench.bench.ServingAccuracy URL STREAMS[,STREAMS…] TOKENS TPOT_MS}
 */
public final class ServingAccuracy {
  private static final int JIT_STREAMS = 256;

  private ServingAccuracy() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int tokens = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    double tpotMs = args.length > 3 ? Double.parseDouble(args[3]) : 100;
    double requestS = tokens * tpotMs / 1000; // ttft = tpot on the server: one chunk every tpot
    long serverPid = args.length > 4 ? Long.parseLong(args[4]) : -1;
    System.out.println("streams | chunks/s | chunks | error p50 / p99 / max (ms) | TTFT error p50 / p99 / max (ms)"
        + " | server lateness p50 / p99 / max (ms) | failed | schedule lag p99 (ms) | CPU cores used: client / server");
    try (StreamingClient client = new StreamingClient(Duration.ofSeconds(30))) {
      // both JVMs' code compiled first (about 15,000 chunks): a level measured on interpreted code reads the JIT,
      // not the steady state a run past its warm-up requests is in
      LoadShape compile = new LoadShape.Rate(JIT_STREAMS / requestS, Arrival.CONSTANT, 1, 0, 1);
      LoadGenerator.run((i, s) -> one(client, base, tokens, s, new ArrayList<>(), new ArrayList<>()), compile, 0,
          JIT_STREAMS * 3, 600);
      for (String level : args[1].split(",")) {
        int streams = Integer.parseInt(level.trim());
        client.get(URI.create(base + "/lateness?reset=true"), Map.of(), Duration.ofSeconds(10));
        List<Long> errors = Collections.synchronizedList(new ArrayList<>());
        List<Long> ttftErrors = Collections.synchronizedList(new ArrayList<>());
        Target target = (index, scheduled) -> one(client, base, tokens, scheduled, errors, ttftErrors);
        // three request durations of steady streams, phased evenly; then the in-flight count is about `streams`.
        // A warm-up round first (not counted): connections opened, both JVMs' code compiled for this rate.
        int requests = streams * 3;
        LoadShape shape = new LoadShape.Rate(streams / requestS, Arrival.CONSTANT, 1, 0, 1);
        LoadGenerator.run((i, s) -> one(client, base, tokens, s, new ArrayList<>(), new ArrayList<>()), shape, 0,
            streams, 600);
        client.get(URI.create(base + "/lateness?reset=true"), Map.of(), Duration.ofSeconds(10));
        long cpu0 = cpuNanos(ProcessHandle.current().pid());
        long server0 = cpuNanos(serverPid);
        long wall0 = System.nanoTime();
        LoadRun run = LoadGenerator.run(target, shape, 0, requests, 600);
        double wall = System.nanoTime() - wall0;
        double clientCores = (cpuNanos(ProcessHandle.current().pid()) - cpu0) / wall;
        double serverCores = serverPid > 0 ? (cpuNanos(serverPid) - server0) / wall : Double.NaN;
        String lateness = client.get(URI.create(base + "/lateness"), Map.of(), Duration.ofSeconds(10)).body();
        double[] e = errors.stream().mapToDouble(x -> x / 1e6).toArray();
        double[] te = ttftErrors.stream().mapToDouble(x -> x / 1e6).toArray();
        long failed = run.requests().stream().filter(r -> !r.ok()).count();
        double[] lag = run.requests().stream().mapToDouble(r -> r.lagNs() / 1e6).toArray();
        System.out.printf(Locale.ROOT, "%d | %.0f | %d | %.3f / %.3f / %.3f | %.3f / %.3f / %.3f | %s | %d | %.2f"
            + " | %.2f / %.2f%n", streams, streams * 1000 / tpotMs, e.length, ServingStats.p(e, 50),
            ServingStats.p(e, 99), max(e), ServingStats.p(te, 50), ServingStats.p(te, 99), max(te),
            serverLateness(lateness), failed, ServingStats.p(lag, 99), clientCores, serverCores);
      }
    }
  }

  /** The body's prompt: four words, four tokens to the ground-truth server. */
  private static final int PROMPT_TOKENS = 4;

  /**
   * One stream: each chunk's arrival − write into {@code errors}, and the request's TTFT error into {@code ttftErrors}:
   * the client's TTFT (first chunk's arrival − send) minus the server's own request-to-first-write (its first
   * chunk's write − the request's arrival at its handler), both differences on one clock each, so no offset enters.
   */
  private static RequestTimes one(StreamingClient client, String base, int tokens, long scheduled, List<Long> errors,
      List<Long> ttftErrors) {
    String body = "{\"model\":\"truth\",\"prompt\":\"a b c d\",\"max_tokens\":" + tokens
        + ",\"ignore_eos\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/completions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try (StreamHandle h = client.stream(req, Api.COMPLETIONS, null, scheduled)) {
      RequestTrace t = h.awaitTrace(600, TimeUnit.SECONDS);
      long[] at = new long[t.chunks().size()];
      int[] k = new int[at.length];
      for (int i = 0; i < at.length; i++) {
        ChunkArrival c = t.chunks().get(i);
        at[i] = c.arrivalNanos();
        k[i] = c.tokens();
        if (c.serverWriteEpochNanos() > 0) errors.add(client.clock().toEpochNanos(c.arrivalNanos()) - c.serverWriteEpochNanos());
      }
      ChunkArrival first = t.chunks().isEmpty() ? null : t.chunks().get(0);
      if (first != null && first.serverArrivalEpochNanos() > 0 && first.serverWriteEpochNanos() > 0) {
        ttftErrors.add((first.arrivalNanos() - t.sendNanos())
            - (first.serverWriteEpochNanos() - first.serverArrivalEpochNanos()));
      }
      return new RequestTimes(scheduled, t.sendNanos(), at, k, t.endNanos(), t.ok() ? null : t.failure().name(),
          PROMPT_TOKENS);
    } catch (Exception e) {
      long now = System.nanoTime();
      return RequestTimes.failed(scheduled, now, now, e.getClass().getSimpleName(), PROMPT_TOKENS);
    }
  }

  /** A process's user + system CPU time from /proc (clock ticks of 10 ms), or 0 when it cannot be read. */
  private static long cpuNanos(long pid) {
    if (pid <= 0) return 0;
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // utime, stime (fields 14, 15)
    } catch (Exception e) {
      return 0;
    }
  }

  /** "p50 / p99 / max" in ms from the server's /v1/lateness answer (µs). */
  private static String serverLateness(String json) {
    try {
      var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
      return String.format(Locale.ROOT, "%.3f / %.3f / %.3f", n.path("p50_us").asDouble() / 1000,
          n.path("p99_us").asDouble() / 1000, n.path("max_us").asDouble() / 1000);
    } catch (Exception e) {
      return "?";
    }
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) m = Math.max(m, x);
    return m;
  }
}
