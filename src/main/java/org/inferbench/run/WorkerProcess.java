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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.inferbench.registry.EngineRegistry;

/**
 * A fresh JVM (the same Java and class path as this one) that runs configurations for us, so their memory figures
 * and JIT state start clean. Its standard error goes to a log file whose last line explains a crash. It ends when
 * its input closes, so a killed parent never leaves it running.
 */
final class WorkerProcess implements AutoCloseable {
  private final Process process;
  private final BufferedWriter toWorker;
  private final BufferedReader fromWorker;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.toWorker = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.fromWorker = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts a worker for an engine, on the given CPUs ({@code --pin-cpus}) or on any when null. */
  static WorkerProcess start(String engine, String pinCpus) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (pinCpus != null) cmd.addAll(CpuPinning.prefix(pinCpus));
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
    Path log = Files.createTempFile("inferbench-worker-", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
    pb.environment().putAll(EngineRegistry.get(engine).workerEnvironment());
    Process p = pb.start();
    LiveWorkers.add(p);
    return new WorkerProcess(p, log);
  }

  /** Sends one command and waits for its reply; a failed reply or a dead worker is a {@link WorkerException}. */
  JsonNode call(Map<String, Object> command) throws Exception {
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
    LiveWorkers.remove(process);
    try {
      toWorker.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // a temp file left behind is harmless
    }
  }

  /** A failure reported by, or of, the worker process; its message is the recorded reason. */
  static final class WorkerException extends Exception {
    WorkerException(String message) {
      super(message);
    }
  }
}
