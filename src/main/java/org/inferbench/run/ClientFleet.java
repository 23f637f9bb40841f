package org.inferbench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.inferbench.fleet.ClientRun;
import org.inferbench.fleet.Coordinator;
import org.inferbench.fleet.LoadShare;
import org.inferbench.fleet.ShapeJson;
import org.inferbench.load.LoadShape;

/**
 * {@code --clients N}: a configuration's load driven from N client processes on this host, each its share from one
 * start time, coordinated from this JVM. A client is a fresh JVM given this command's own arguments (it plans the
 * same grid and takes configuration {@code index}) and the coordinator's address; see {@link LoadClient}.
 *
 * @param clientMain the class whose main runs a client (the command line's, which this package cannot name)
 * @param commandLine this command's arguments, for the clients to plan the same grid from
 * @param roundTrip align the clients' clocks by round trips even though they share this host's (to test it)
 */
public record ClientFleet(int clients, boolean roundTrip, String clientMain, List<String> commandLine) {
  /** Starting a client JVM, planning and loading its model, and its warm-up, on a busy 2-core machine. */
  static final double READY_TIMEOUT_S = 180;

  /** Runs every client's share of {@code shape}; returns their runs on their own clocks, by index. */
  List<ClientRun> run(Plan plan, LoadShape shape, int warmup, int requests, double maxTimeS, double timeoutS)
      throws Exception {
    List<Process> processes = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    try (Coordinator coordinator = Coordinator.open("127.0.0.1")) {
      int warmupBase = 0;
      int base = 0;
      List<Map<String, Object>> jobs = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        LoadShare share = LoadShare.of(shape, warmup, requests, i, clients);
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("shape", ShapeJson.of(share.shape()));
        job.put("warmup", share.warmup());
        job.put("requests", share.requests());
        job.put("warmup_base", warmupBase);
        job.put("base", base);
        job.put("max_time_s", Double.isInfinite(maxTimeS) ? "inf" : maxTimeS);
        job.put("timeout_s", Double.isInfinite(timeoutS) ? "inf" : timeoutS);
        job.put("round_trip", roundTrip);
        jobs.add(job);
        warmupBase += share.warmup();
        base += share.requests();
      }
      for (int i = 0; i < clients; i++) {
        Path log = Files.createTempFile("inferbench-client-" + i + "-", ".log");
        logs.add(log);
        processes.add(new ProcessBuilder(command(coordinator.port(), i, plan.configuration().index()))
            .redirectErrorStream(true).redirectOutput(log.toFile()).start());
      }
      // a client that sent its run ends with 0; one that ends otherwise has failed
      return coordinator.run(clients, jobs::get, READY_TIMEOUT_S,
          () -> processes.stream().noneMatch(p -> !p.isAlive() && p.exitValue() != 0));
    } catch (IOException e) {
      throw new IOException(e.getMessage() + lastLine(logs), e);
    } finally {
      for (Process p : processes) {
        if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
      }
      for (Path l : logs) Files.deleteIfExists(l);
    }
  }

  private List<String> command(int port, int index, int configuration) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-XX:+UseZGC"); // as the tool's own JVM: a collector pause in a client is a timing error
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(clientMain);
    cmd.addAll(List.of("127.0.0.1", Integer.toString(port), Integer.toString(index), Integer.toString(clients),
        Integer.toString(configuration), "--"));
    cmd.addAll(commandLine);
    return cmd;
  }

  /** What a client that failed said last, for the one-line failure. */
  private static String lastLine(List<Path> logs) {
    for (Path l : logs) {
      try {
        List<String> lines = Files.readAllLines(l);
        for (int i = lines.size() - 1; i >= 0; i--) {
          if (lines.get(i).startsWith("inferbench")) return "; " + lines.get(i);
        }
      } catch (IOException ignored) {
        // no log: nothing to add
      }
    }
    return "";
  }
}
