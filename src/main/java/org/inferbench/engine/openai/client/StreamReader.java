package org.inferbench.engine.openai.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.inferbench.engine.openai.sse.SseEnd;
import org.inferbench.engine.openai.sse.SseEvent;
import org.inferbench.engine.openai.sse.SseParser;
import org.inferbench.engine.openai.stream.Chunk;
import org.inferbench.engine.openai.stream.ChunkDecoder;
import org.inferbench.engine.openai.stream.ServerError;
import org.inferbench.engine.openai.stream.StreamMessage;

/**
 * Reads one response, whatever carries its bytes: stamps the headers, then feeds each buffer to the SSE parser
 * stamped with the time the transport read it (the arrival time of every chunk the buffer completes). A status
 * other than 2xx is read whole as the error it is. One per request; the transport calls it in order, and a
 * cancelling caller may call {@link #cancel} from any thread.
 */
final class StreamReader {
  private static final int BODY_START_BYTES = 120;
  /** An error body beyond this is cut: its first words say what went wrong. */
  private static final int ERROR_BODY_BYTES = 8192;

  private final TraceRecorder recorder;
  private final ChunkDecoder decoder;
  private final StreamHandle handle;
  private final SseParser parser = new SseParser(this::onEvent);
  private final byte[] bodyStart = new byte[BODY_START_BYTES];
  private int bodyStartSize;
  private String contentType = "";
  private java.io.ByteArrayOutputStream errorBody;
  private Runnable abort = () -> {};
  private int events;
  private boolean done;
  private boolean finishSeen;
  private boolean finished;

  StreamReader(TraceRecorder recorder, ChunkDecoder decoder, StreamHandle handle) {
    this.recorder = recorder;
    this.decoder = decoder;
    this.handle = handle;
    handle.onCancel(this::cancel);
    handle.onDescribe(() -> recorder.connection(System.nanoTime()));
  }

  /** What stops the transport's exchange (closing its connection); run once, on cancel or an error mid-stream. */
  synchronized void onAbort(Runnable r) {
    abort = r;
    if (finished) r.run();
  }

  synchronized boolean finished() {
    return finished;
  }

  /** Whether the response's headers have arrived. */
  boolean answered() {
    return recorder.headersNanos >= 0;
  }

  /** The transport began a new connection for the request. */
  void connecting() {
    recorder.connection.connecting(System.nanoTime());
  }

  /** The request has a connection: a new one made, or an idle one taken from the pool. */
  void connected(boolean reused) {
    recorder.connection.connected(System.nanoTime(), reused);
  }

  /** The request's bytes were handed to the socket. */
  void written() {
    recorder.connection.written(System.nanoTime());
  }

  synchronized void headers(int status, String type, long nanos) {
    recorder.connection.headers(status, nanos);
    recorder.headersNanos = nanos;
    recorder.status = status;
    contentType = type == null ? "" : type;
    if (status / 100 != 2) errorBody = new java.io.ByteArrayOutputStream();
  }

  /** A buffer of the body as it was read, at {@code nanos}. */
  synchronized void body(ByteBuffer b, long nanos) {
    recorder.connection.read(b.remaining(), nanos);
    if (finished) return;
    if (errorBody != null) {
      int n = Math.min(b.remaining(), ERROR_BODY_BYTES - errorBody.size());
      if (n > 0) {
        byte[] part = new byte[n];
        b.get(part);
        errorBody.write(part, 0, n);
      }
      return;
    }
    keepBodyStart(b);
    parser.feed(b, nanos);
  }

  /** The body ended as HTTP framed it. */
  synchronized void complete() {
    if (finished) return;
    if (errorBody != null) {
      finish(FailureKind.HTTP_STATUS, "HTTP " + recorder.status + ": "
          + ServerMessages.of(errorBody.toString(StandardCharsets.UTF_8)));
      return;
    }
    SseEnd end = parser.end();
    if (finished) return;
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

  /** The exchange broke: before the headers, as the error says (connect, timeout); after them, a disconnect. */
  synchronized void failed(Throwable t) {
    if (recorder.headersNanos < 0) {
      finish(Failures.kind(t), Failures.describe(t));
    } else {
      finish(FailureKind.DISCONNECT, "connection broke after " + recorder.chunks.size() + " chunks ("
          + Failures.describe(t) + ")");
    }
  }

  private synchronized void cancel() {
    stop(FailureKind.CANCELLED, "cancelled by the client after " + recorder.chunks.size() + " chunks");
  }

  private void onEvent(SseEvent e) {
    if (finished) return;
    events++;
    StreamMessage m = decoder.decode(e.data());
    switch (m) {
      case Chunk c -> {
        finishSeen |= c.finishReason() != null;
        if (c.carriesTokens()) {
          ChunkArrival a = new ChunkArrival(e.arrivalNanos(), c.tokens(), c.tokenSource(), c.text(),
              WriteStamp.read(e.data()), recorder.chunks.isEmpty() ? WriteStamp.arrival(e.data()) : -1);
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

  /** Ends the request from inside the stream or from its caller: nothing after counts. */
  private void stop(FailureKind kind, String message) {
    if (finished) return;
    finish(kind, message);
    abort.run();
  }

  private void finish(FailureKind kind, String message) {
    if (finished) return;
    finished = true;
    handle.ended(recorder.finish(System.nanoTime(), decoder, kind, message));
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
