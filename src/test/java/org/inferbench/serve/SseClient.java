package org.inferbench.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.inferbench.engine.openai.stream.Api;
import org.inferbench.engine.openai.stream.Chunk;
import org.inferbench.engine.openai.stream.ChunkDecoder;
import org.inferbench.engine.openai.stream.StreamMessage;
import org.inferbench.engine.openai.stream.StreamTotals;
import org.inferbench.engine.openai.sse.SseParser;

/** A test client: posts a request and reads the answer with the project's own SSE parser and chunk decoder. */
final class SseClient {
  /** HTTP/1.1: one connection per stream, as a load generator uses it (h2c would multiplex). */
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * One stream as received.
   *
   * @param tokenArrivals nanoTime at which each token-carrying chunk arrived
   * @param writeNanos the server's write time ({@code inferbench_write_ns}) of each token-carrying chunk
   */
  record Received(int status, List<StreamMessage> messages, List<Long> tokenArrivals, List<Long> writeNanos,
      StreamTotals totals) {
    List<Chunk> tokenChunks() {
      return messages.stream().filter(m -> m instanceof Chunk c && c.carriesTokens()).map(m -> (Chunk) m).toList();
    }
  }

  private SseClient() {}

  static Received stream(String baseUrl, String path, String body, Api api) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    ChunkDecoder decoder = new ChunkDecoder(api);
    List<StreamMessage> messages = new ArrayList<>();
    List<Long> arrivals = new ArrayList<>();
    List<Long> writes = new ArrayList<>();
    SseParser parser = new SseParser(event -> {
      StreamMessage m = decoder.decode(event.data());
      messages.add(m);
      if (m instanceof Chunk c && c.carriesTokens()) {
        arrivals.add(event.arrivalNanos());
        writes.add(writeNanos(event.data()));
      }
    });
    try (InputStream in = response.body()) {
      byte[] buf = new byte[8192];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) parser.feed(buf, 0, n, System.nanoTime());
    }
    parser.end();
    return new Received(response.statusCode(), messages, arrivals, writes, decoder.totals());
  }

  static HttpResponse<String> post(String baseUrl, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode getJson(String url) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return Wire.JSON.readTree(r.body());
  }

  private static long writeNanos(String data) {
    try {
      return Wire.JSON.readTree(data).path(ChunkFormat.WRITE_TIME_FIELD).asLong(-1);
    } catch (Exception e) {
      return -1;
    }
  }
}
