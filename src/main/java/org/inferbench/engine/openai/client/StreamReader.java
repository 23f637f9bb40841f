package org.inferbench.engine.openai.client;

import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.inferbench.engine.openai.stream.Chunk;
import org.inferbench.engine.openai.stream.ChunkDecoder;
import org.inferbench.engine.openai.stream.ServerError;
import org.inferbench.engine.openai.stream.StreamMessage;
import org.inferbench.engine.openai.sse.SseEnd;
import org.inferbench.engine.openai.sse.SseEvent;
import org.inferbench.engine.openai.sse.SseParser;

/**
 * Reads one response: stamps the headers, then feeds each buffer to the SSE parser the moment the HTTP client hands
 * it over, stamped with the time it was handed over (the arrival time of every chunk the buffer completes). A
 * status other than 2xx is read whole as the error it is. One per request; the HTTP client calls it in order.
 */
final class StreamReader implements HttpResponse.BodyHandler<Void>, BodySubscriber<Void> {
  private static final int BODY_START_BYTES = 120;

  private final TraceRecorder recorder;
  private final ChunkDecoder decoder;
  private final StreamHandle handle;
  private final SseParser parser = new SseParser(this::onEvent);
  private final CompletableFuture<Void> body = new CompletableFuture<>();
  private final byte[] bodyStart = new byte[BODY_START_BYTES];
  private int bodyStartSize;
  private String contentType = "";
  private Flow.Subscription subscription;
  private int events;
  private boolean done;
  private boolean finishSeen;
  private boolean finished;

  StreamReader(TraceRecorder recorder, ChunkDecoder decoder, StreamHandle handle) {
    this.recorder = recorder;
    this.decoder = decoder;
    this.handle = handle;
    handle.onCancel(this::cancel);
  }

  @Override
  public BodySubscriber<Void> apply(ResponseInfo info) {
    recorder.headersNanos = System.nanoTime();
    recorder.status = info.statusCode();
    contentType = info.headers().firstValue("content-type").orElse("");
    if (info.statusCode() / 100 != 2) {
      return BodySubscribers.mapping(BodySubscribers.ofString(StandardCharsets.UTF_8), text -> {
        finish(FailureKind.HTTP_STATUS, "HTTP " + info.statusCode() + ": " + ServerMessages.of(text));
        return null;
      });
    }
    return this;
  }

  @Override
  public synchronized void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (finished) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    long now = System.nanoTime(); // first, before any work: the arrival time of what these buffers complete
    synchronized (this) {
      if (finished) {
        return;
      }
      for (ByteBuffer b : buffers) {
        keepBodyStart(b);
        parser.feed(b, now);
        if (finished) {
          return;
        }
      }
      subscription.request(1);
    }
  }

  @Override
  public synchronized void onError(Throwable t) {
    finish(FailureKind.DISCONNECT, "connection broke after " + recorder.chunks.size() + " chunks ("
        + Failures.describe(t) + ")");
  }

  @Override
  public synchronized void onComplete() {
    SseEnd end = parser.end();
    if (finished) {
      return;
    }
    if (events == 0) {
      finish(FailureKind.NOT_SSE, "not an event stream (content-type '" + contentType + "'; the body starts: "
          + bodyStartText() + ")");
    } else if (end == SseEnd.MID_EVENT) {
      finish(FailureKind.MALFORMED, "the stream ended inside an event after " + recorder.chunks.size() + " chunks");
    } else if (!done && !finishSeen) {
      finish(FailureKind.DISCONNECT, "the stream ended without [DONE] or a finish reason after "
          + recorder.chunks.size() + " chunks");
    } else {
      finish(null, null);
    }
  }

  @Override
  public CompletionStage<Void> getBody() {
    return body;
  }

  /** The request failed before a response (connect error, timeout): the HTTP client's future says why. */
  synchronized void failed(Throwable t) {
    finish(Failures.kind(t), Failures.describe(t));
  }

  private synchronized void cancel() {
    if (subscription != null) {
      subscription.cancel();
    }
    finish(FailureKind.CANCELLED, "cancelled by the client after " + recorder.chunks.size() + " chunks");
  }

  private void onEvent(SseEvent e) {
    if (finished) {
      return;
    }
    events++;
    StreamMessage m = decoder.decode(e.data());
    switch (m) {
      case Chunk c -> {
        finishSeen |= c.finishReason() != null;
        if (c.carriesTokens()) {
          ChunkArrival a = new ChunkArrival(e.arrivalNanos(), c.tokens(), c.tokenSource(), c.text(),
              WriteStamp.read(e.data()));
          recorder.chunks.add(a);
          handle.arrived(a);
        }
      }
      case StreamMessage.Done d -> done = true;
      case ServerError err -> stop(FailureKind.SERVER_ERROR, "server error after " + recorder.chunks.size()
          + " chunks: " + ServerMessages.of(err));
      case StreamMessage.Malformed bad -> stop(FailureKind.MALFORMED, "unreadable event after "
          + recorder.chunks.size() + " chunks (" + bad.reason() + ")");
    }
  }

  /** Ends the request from inside the stream: nothing after an error counts. */
  private void stop(FailureKind kind, String message) {
    if (subscription != null) {
      subscription.cancel();
    }
    finish(kind, message);
  }

  private synchronized void finish(FailureKind kind, String message) {
    if (finished) {
      return;
    }
    finished = true;
    handle.ended(recorder.finish(System.nanoTime(), decoder, kind, message));
    body.complete(null);
  }

  private void keepBodyStart(ByteBuffer b) {
    int n = Math.min(b.remaining(), BODY_START_BYTES - bodyStartSize);
    if (n > 0) {
      b.duplicate().get(bodyStart, bodyStartSize, n);
      bodyStartSize += n;
    }
  }

  private String bodyStartText() {
    String s = new String(bodyStart, 0, bodyStartSize, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    return s.isEmpty() ? "(empty)" : "'" + s + (bodyStartSize == BODY_START_BYTES ? "…'" : "'");
  }
}
