package org.inferbench.serve;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.inferbench.engine.PromptTokenizer;
import org.inferbench.engine.openai.client.ClockOffset;

/**
 * The HTTP server: the JDK's {@link HttpServer} with a virtual thread per exchange, so an open stream costs a few
 * kilobytes rather than a platform thread. Started on port 0 it takes a free port; {@link #baseUrl()} names it.
 */
public final class OpenAiServer implements AutoCloseable {
  static {
    // the JDK server leaves Nagle's algorithm on: small chunks would wait for the client's delayed ACK (up to 40 ms)
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final int BACKLOG = 4096;

  private final HttpServer http;
  private final ExecutorService threads;
  private final Backend backend;
  private final Lateness lateness = new Lateness();
  private final ServedModel model;

  /** @throws java.net.BindException when the port is taken */
  OpenAiServer(String host, int port, ServedModel model, Backend backend, PromptTokenizer tokenizer, int vocabulary)
      throws IOException {
    this.backend = backend;
    this.model = model;
    PromptTokens prompts = new PromptTokens(tokenizer, vocabulary);
    RequestParser parser = new RequestParser(model.name(), prompts, model.maxPositions(), vocabulary);
    CompletionHandler completions = new CompletionHandler(parser, backend, ClockOffset.measure(), lateness);
    this.http = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
    this.threads = Executors.newVirtualThreadPerTaskExecutor();
    http.setExecutor(threads);
    http.createContext("/", new Routes(model, completions, lateness, backend, prompts.describe()));
    http.start();
  }

  /** {@code http://host:port/v1}, with the port actually bound. */
  public String baseUrl() {
    InetSocketAddress a = http.getAddress();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) host = "[" + host + "]";
    return "http://" + host + ":" + a.getPort() + "/v1";
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public ServedModel model() {
    return model;
  }

  /** One line: the server's lateness so far (what it prints at shutdown). */
  public String latenessLine() {
    return lateness.summary().line();
  }

  Lateness.Summary lateness() {
    return lateness.summary();
  }

  @Override
  public void close() {
    http.stop(0);
    backend.close();
    threads.shutdownNow();
  }
}
