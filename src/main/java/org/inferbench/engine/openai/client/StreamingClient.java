package org.inferbench.engine.openai.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;
import org.inferbench.engine.openai.stream.Api;
import org.inferbench.engine.openai.stream.ChunkDecoder;

/**
 * Sends streamed requests and records each as a {@link RequestTrace}: the streams over {@link Connections} (HTTP/1.1,
 * one connection per stream in flight, read and stamped on event loops, so thousands in flight cost no thread each),
 * the plain GETs for what a server says of itself over the JDK's {@link HttpClient} (HTTP/1.1 too: on
 * {@code http://} its default HTTP/2 tries an h2c upgrade). Thread-safe: one client serves every request of a run.
 */
public final class StreamingClient implements AutoCloseable {
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;
  private final Connections streams;
  private final ClockOffset clock = ClockOffset.measure();

  public StreamingClient(Duration connectTimeout) {
    http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .executor(executor)
        .build();
    streams = new Connections(connectTimeout);
  }

  /** The offset from nanoTime to epoch nanoseconds, taken once when this client started. */
  public ClockOffset clock() {
    return clock;
  }

  /**
   * Sends a request whose answer is an event stream of OpenAI-compatible chunks. Never throws for what the server
   * or the network does: that ends up in the trace.
   *
   * @param tokenizer nullable: counts a chunk's tokens when the server does not
   * @param scheduledNanos when the caller meant to send it (the send time for a caller that sends at once)
   */
  public StreamHandle stream(HttpRequest request, Api api, ToIntFunction<String> tokenizer, long scheduledNanos) {
    StreamHandle handle = new StreamHandle();
    TraceRecorder recorder = new TraceRecorder(scheduledNanos);
    StreamReader reader = new StreamReader(recorder, new ChunkDecoder(api, tokenizer), handle);
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    request.headers().map().forEach((k, v) -> headers.put(k, String.join(", ", v)));
    byte[] body = Bodies.bytes(request);
    recorder.sendNanos = System.nanoTime();
    streams.send(request.uri(), request.method(), headers, body, request.timeout().orElse(null), reader);
    return handle;
  }

  /** A plain GET for what the server says of itself (models, version); throws what the HTTP client throws. */
  public HttpResponse<String> get(URI uri, Map<String, String> headers, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The words a user reads for what a request threw (connection refused, unknown host, timed out). */
  public static String describe(Throwable t) {
    return Failures.describe(t);
  }

  @Override
  public void close() {
    streams.close();
    http.shutdownNow();
    executor.shutdownNow();
  }
}
