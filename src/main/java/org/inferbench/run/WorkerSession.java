package org.inferbench.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.results.Json;

/**
 * Runs a configuration in a fresh JVM (the same Java and class path as this one), so its memory figures and JIT
 * state start clean. The worker's standard error goes to a log file whose last line explains a crash.
 */
public final class WorkerSession implements ConfigurationSession {
  private final Plan plan;
  private Process process;
  private BufferedWriter toWorker;
  private BufferedReader fromWorker;
  private Path log;

  public WorkerSession(Plan plan) {
    this.plan = plan;
  }

  @Override
  public Opened open() throws Exception {
    List<String> cmd = new ArrayList<>();
    String pin = plan.configuration().params().pinCpus();
    if (pin != null) cmd.addAll(CpuPinning.prefix(pin));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // Keep heap size and our own properties; never debugger or agent flags.
      if (arg.startsWith("-Xmx") || arg.startsWith("-Xms") || arg.startsWith("-Dinferbench.")
          || arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc-unsafe-memory-access")) {
        cmd.add(arg);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Worker.class.getName());
    log = Files.createTempFile("inferbench-worker-", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
    pb.environment().putAll(EngineRegistry.get(plan.configuration().engine()).workerEnvironment());
    process = pb.start();
    LiveWorkers.add(process);
    toWorker = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    fromWorker = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Map<String, Object> open = new LinkedHashMap<>();
    open.put("op", "open");
    open.put("configuration", Json.mapper().valueToTree(plan.configuration()));
    JsonNode r = call(open);
    Map<String, String> settings = new LinkedHashMap<>();
    r.path("effective_settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
    @SuppressWarnings("unchecked")
    Map<String, Object> facts = WorkerProtocol.JSON.convertValue(r.path("facts"), Map.class);
    return new Opened(r.path("engine_version").asText(), settings, facts);
  }

  @Override
  public void warmup(int requests) throws Exception {
    call(Map.of("op", "warmup", "n", requests));
  }

  @Override
  public List<long[]> measure(int requests) throws Exception {
    JsonNode r = call(Map.of("op", "measure", "n", requests));
    List<long[]> out = new ArrayList<>();
    for (JsonNode req : r.path("requests")) {
      long[] offsets = new long[req.size()];
      for (int i = 0; i < offsets.length; i++) offsets[i] = req.get(i).asLong();
      out.add(offsets);
    }
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> finish() throws Exception {
    JsonNode r = call(Map.of("op", "finish"));
    return WorkerProtocol.JSON.convertValue(r.path("trackers"), Map.class);
  }

  private JsonNode call(Map<String, Object> command) throws Exception {
    toWorker.write(WorkerProtocol.JSON.writeValueAsString(command));
    toWorker.newLine();
    toWorker.flush();
    String line;
    while ((line = fromWorker.readLine()) != null) {
      if (!line.startsWith(WorkerProtocol.MARKER)) continue;
      JsonNode reply = WorkerProtocol.parseReply(line);
      if (!reply.path("ok").asBoolean()) throw new WorkerException(reply.path("error").asText());
      return reply;
    }
    throw new WorkerException("worker process ended unexpectedly (exit " + waitExit() + ")" + lastLogLine());
  }

  private String waitExit() {
    try {
      return Integer.toString(process.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  private String lastLogLine() {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) return ": " + lines.get(i).trim();
      }
    } catch (IOException e) {
      // no log: nothing to add
    }
    return "";
  }

  @Override
  public void close() {
    if (process != null) {
      LiveWorkers.remove(process);
      try {
        toWorker.close();
      } catch (IOException e) {
        // already gone
      }
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (log != null) {
      try {
        Files.deleteIfExists(log);
      } catch (IOException e) {
        // a temp file left behind is harmless
      }
    }
  }

  /** A failure reported by, or of, the worker process; its message is the recorded reason. */
  public static final class WorkerException extends Exception {
    WorkerException(String message) {
      super(message);
    }
  }
}
