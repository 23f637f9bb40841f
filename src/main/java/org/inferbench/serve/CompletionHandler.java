package org.inferbench.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.inferbench.engine.openai.client.ClockOffset;

/**
 * Answers POST /v1/completions and /v1/chat/completions. Runs on the request's own virtual thread, which is also the
 * stream's only writer: backends hand events over through a {@link QueueSink} and never touch the socket, so a slow
 * or stalled client blocks its own virtual thread and nothing else (the ground truth's timer loop stays on time). A
 * virtual thread per stream is what makes this cheap at thousands of streams.
 */
final class CompletionHandler {
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  private final RequestParser parser;
  private final Backend backend;
  private final ClockOffset clock;
  private final Lateness lateness;

  CompletionHandler(RequestParser parser, Backend backend, ClockOffset clock, Lateness lateness) {
    this.parser = parser;
    this.backend = backend;
    this.clock = clock;
    this.lateness = lateness;
  }

  void handle(ServeApi api, HttpExchange exchange) throws IOException, ApiError {
    // the earliest this server sees a request (the JDK's server has read its headers), on the chunks' clock: the
    // first chunk carries it, so a client can set its TTFT against the server's own request-to-first-write
    long arrived = clock.toEpochNanos(System.nanoTime());
    CompletionJob job = parser.parse(api, exchange.getRequestBody().readAllBytes());
    QueueSink sink = new QueueSink();
    backend.submit(job, sink);
    try {
      if (job.stream()) stream(job, sink, exchange, arrived);
      else whole(job, sink, exchange);
    } catch (IOException e) {
      sink.cancel(); // the client went away: free its slot
    } catch (InterruptedException e) {
      sink.cancel();
      Thread.currentThread().interrupt();
    }
  }

  private void stream(CompletionJob job, QueueSink sink, HttpExchange exchange, long arrivedEpochNanos)
      throws IOException, InterruptedException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    ChunkFormat format = new ChunkFormat(job, arrivedEpochNanos);
    boolean first = true;
    boolean reasonSent = false;
    while (true) {
      StreamEvent event = sink.take();
      long now = System.nanoTime();
      switch (event) {
        case StreamEvent.Token t -> {
          lateness.record(now - t.dueNanos());
          write(out, format.token(t.text(), first, t.finishReason(), clock.toEpochNanos(now)));
          first = false;
          reasonSent = t.finishReason() != null;
        }
        case StreamEvent.Finish f -> {
          if (!reasonSent) write(out, format.token("", first, f.reason(), clock.toEpochNanos(now)));
          if (job.includeUsage()) write(out, format.usage(f.promptTokens(), f.completionTokens(), clock.toEpochNanos(now)));
          out.write(DONE);
          out.flush();
          return;
        }
        case StreamEvent.Failure x -> {
          // an error object mid-stream, as OpenAI-compatible servers send it; no [DONE] after it
          write(out, ApiError.internal(x.message()).toJson());
          return;
        }
      }
    }
  }

  private void whole(CompletionJob job, QueueSink sink, HttpExchange exchange) throws IOException, InterruptedException {
    StringBuilder text = new StringBuilder();
    while (true) {
      StreamEvent event = sink.take();
      switch (event) {
        case StreamEvent.Token t -> text.append(t.text());
        case StreamEvent.Finish f -> {
          long now = System.nanoTime();
          Routes.sendJson(exchange, 200, new ChunkFormat(job).response(text.toString(), f.reason(), f.promptTokens(),
              f.completionTokens(), clock.toEpochNanos(now)));
          return;
        }
        case StreamEvent.Failure x -> {
          ApiError e = ApiError.internal(x.message());
          Routes.sendJson(exchange, e.status(), e.toJson());
          return;
        }
      }
    }
  }

  private static void write(OutputStream out, JsonNode chunk) throws IOException {
    out.write(DATA);
    out.write(Wire.JSON.writeValueAsBytes(chunk));
    out.write(END);
    out.flush(); // one flush per event: each chunk leaves as its own HTTP chunk, now
  }
}
