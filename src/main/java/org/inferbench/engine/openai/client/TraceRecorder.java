package org.inferbench.engine.openai.client;

import java.util.ArrayList;
import java.util.List;
import org.inferbench.engine.openai.stream.ChunkDecoder;
import org.inferbench.engine.openai.stream.StreamTotals;

/**
 * Collects one request's stamps while it is in flight. Written by the HTTP client's threads (headers, then body in
 * order), read once at the end: every field is set before {@link #finish} publishes the trace.
 */
final class TraceRecorder {
  final long scheduledNanos;
  volatile long sendNanos = -1;
  volatile long headersNanos = -1;
  volatile int status = -1;
  final List<ChunkArrival> chunks = new ArrayList<>();
  final ConnectionLog connection = new ConnectionLog();

  TraceRecorder(long scheduledNanos) {
    this.scheduledNanos = scheduledNanos;
  }

  /** What the connection did so far, as one line of times from the send. */
  String connection(long nowNanos) {
    return connection.describe(sendNanos, nowNanos);
  }

  RequestTrace finish(long endNanos, ChunkDecoder decoder, FailureKind failure, String message) {
    StreamTotals t = decoder.totals();
    return new RequestTrace(scheduledNanos, sendNanos, headersNanos, endNanos, status, chunks, t.outputTokens(),
        t.outputTokenSource(), t.usage().orElse(null), t.timings().orElse(null), failure, message,
        connection(endNanos));
  }
}
