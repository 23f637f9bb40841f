package org.inferbench.engine.openai.launch;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One server started for a configuration: run by {@code setsid} in a process group of its own (so stopping it stops
 * whatever it started: a launcher script, its workers), its output in a log file, ready once its health URL answers
 * 200 or its model list names the model. {@link #close} stops the whole group: TERM, then KILL after a grace period.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  static final int TAIL_LINES = 8;

  private final String command;
  private final Process process;
  private final Path log;
  private final int port;

  private ServerProcess(String command, Process process, Path log, int port) {
    this.command = command;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts the command on a free port of this machine. */
  public static ServerProcess start(ServerCommand cmd) throws IOException {
    int port = freePort();
    String command = cmd.at(port);
    Path log = Files.createTempFile("inferbench-server-", ".log");
    // exec: the shell becomes the server, whose pid is then the group's id
    Process p = new ProcessBuilder("setsid", "sh", "-c", "exec " + command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    return new ServerProcess(command, p, log, port);
  }

  /** A port nothing listens on now (the server binds it a moment later; {@code {port}} is required for this). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public String command() {
    return command;
  }

  public Path log() {
    return log;
  }

  /**
   * Waits until the server serves: {@code GET /health} answers 200, or {@code GET /v1/models} (where there is no
   * health URL) names the model.
   *
   * @throws IllegalStateException when the server exits or is not ready in time, with its log's last lines
   */
  public void awaitReady(String host, String model, Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    URI health = URI.create("http://" + host + ":" + port + "/health");
    URI models = URI.create("http://" + host + ":" + port + "/v1/models");
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("server exited with code " + process.exitValue() + " before it was ready ("
              + command + "); its log ends: " + tail());
        }
        int status = status(http, health);
        if (status == 200) return;
        if (status == 404 && named(http, models, model)) return; // no health URL: its model list says it serves
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(String.format(Locale.ROOT, "server not ready after %.0f s (%s); its log"
              + " ends: %s", timeout.toMillis() / 1000.0, command, tail()));
        }
        Thread.sleep(POLL);
      }
    } finally {
      http.close();
    }
  }

  private static int status(HttpClient http, URI uri) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1; // not listening yet
    }
  }

  private static boolean named(HttpClient http, URI uri, String model) throws InterruptedException {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return r.statusCode() == 200 && r.body().contains("\"" + model + "\"");
    } catch (IOException e) {
      return false;
    }
  }

  /** The log's last lines joined by " | " (one line for a record or an error message). */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .map(String::strip).filter(l -> !l.isEmpty()).toList();
      List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
      return last.isEmpty() ? "(empty)" : String.join(" | ", last);
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** The first log line that names a version or build, or "" (servers print theirs as they start). */
  public String versionLine() {
    try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
      return lines.map(String::strip).filter(ServerProcess::namesVersion).findFirst().orElse("");
    } catch (IOException | java.io.UncheckedIOException e) {
      return "";
    }
  }

  /**
   * What {@code PROGRAM --version} prints (its line naming a version, else its first), or "" where the program does
   * not answer it within a few seconds (llama-server and vLLM do; its log may not say).
   */
  public static String programVersion(String program) {
    try {
      Path out = Files.createTempFile("inferbench-version-", ".txt");
      try {
        Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).redirectOutput(out.toFile())
            .start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return "";
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.ISO_8859_1).stream().map(String::strip)
            .filter(l -> !l.isEmpty()).toList();
        if (p.exitValue() != 0 || lines.isEmpty()) return "";
        return lines.stream().filter(ServerProcess::namesVersion).findFirst().orElse(lines.get(0));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static boolean namesVersion(String line) {
    return line.toLowerCase(Locale.ROOT).matches(".*\\b(version|build)\\b.*");
  }

  /** Stops the process group: TERM, then KILL if it has not ended after the grace period. */
  @Override
  public void close() {
    if (!process.isAlive()) return;
    signal("TERM");
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        signal("KILL");
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      signal("KILL");
      Thread.currentThread().interrupt();
    }
  }

  private void signal(String name) {
    try {
      // the negative pid names the group setsid made, whose id is the server's pid
      new ProcessBuilder("kill", "-" + name, "--", "-" + process.pid()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
