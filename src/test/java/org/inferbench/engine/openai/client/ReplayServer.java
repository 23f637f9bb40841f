package org.inferbench.engine.openai.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server for tests: serves {@code GET /v1/models}, and on the streaming paths a scripted answer
 * (an event stream replayed event by event with a delay before each, or a status with a body), recording what each
 * request sent.
 */
public final class ReplayServer implements AutoCloseable {
  /** What the streaming paths answer. */
  public record Answer(int status, String contentType, List<String> events, long delayMs, int dieAfter) {
    /** A fixture from src/test/resources/sse/, replayed with {@code delayMs} before each event. */
    public static Answer fixture(String name, long delayMs) {
      return new Answer(200, "text/event-stream", ReplayServer.events(name), delayMs, -1);
    }

    public static Answer status(int status, String contentType, String body) {
      return new Answer(status, contentType, List.of(body), 0, -1);
    }

    /** The same stream, but the connection breaks after {@code events} events. */
    public Answer dyingAfter(int events) {
      return new Answer(status, contentType, this.events, delayMs, events);
    }
  }

  /** What a request sent. */
  public record Received(String method, String path, Map<String, List<String>> headers, String body) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, String> models = new ConcurrentHashMap<>(Map.of("/v1/models",
      "{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\",\"owned_by\":\"test\",\"max_model_len\":2048}]}"));
  private volatile Answer answer;

  public ReplayServer(Answer answer) throws IOException {
    this.answer = answer;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public void answer(Answer a) {
    answer = a;
  }

  public List<Received> received() {
    return received;
  }

  /** The events of a fixture: blocks separated by a blank line, each written with its blank line. */
  public static List<String> events(String fixture) {
    try {
      Path p = Path.of(ReplayServer.class.getResource("/sse/" + fixture).toURI());
      String text = Files.readString(p).replace("\r\n", "\n");
      return List.of(text.strip().split("\n\n")).stream().map(e -> e + "\n\n").toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = ex.getRequestURI().getPath();
    received.add(new Received(ex.getRequestMethod(), path, Map.copyOf(ex.getRequestHeaders()), body));
    if (ex.getRequestMethod().equals("GET")) {
      String m = models.get(path);
      send(ex, m == null ? 404 : 200, "application/json", m == null ? "{\"detail\":\"Not Found\"}" : m);
      return;
    }
    Answer a = answer;
    if (a.status() != 200 || !a.contentType().equals("text/event-stream")) {
      send(ex, a.status(), a.contentType(), String.join("", a.events()));
      return;
    }
    ex.getResponseHeaders().set("Content-Type", a.contentType());
    ex.sendResponseHeaders(200, 0); // chunked: each flush below is one chunk on the wire
    OutputStream out = ex.getResponseBody();
    int sent = 0;
    for (String e : a.events()) {
      if (sent == a.dieAfter()) {
        // the server dies: the handler throws, and the HTTP server drops the connection without the last chunk
        throw new IOException("replay server: dying after " + sent + " events, as asked");
      }
      sleep(a.delayMs());
      out.write(e.getBytes(StandardCharsets.UTF_8));
      out.flush();
      sent++;
    }
    out.close();
  }

  private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
