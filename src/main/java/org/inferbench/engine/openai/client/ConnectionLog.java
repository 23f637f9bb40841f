package org.inferbench.engine.openai.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one request's connection did, stamped by the transport as it happened, so that a request that failed or
 * timed out says how far it got: a connection never made, a request never written, a server that never answered,
 * or one that answered and then fell silent. Written by the connection's loop thread, read by any.
 */
final class ConnectionLog {
  private volatile long connectNanos = -1;
  private volatile long connectedNanos = -1;
  private volatile boolean reused;
  private volatile long writtenNanos = -1;
  private volatile long headersNanos = -1;
  private volatile int status = -1;
  private volatile long bodyBytes;
  private volatile long lastReadNanos = -1;

  void connecting(long nanos) {
    connectNanos = nanos;
  }

  void connected(long nanos, boolean idleReused) {
    connectedNanos = nanos;
    reused = idleReused;
  }

  void written(long nanos) {
    writtenNanos = nanos;
  }

  void headers(int code, long nanos) {
    status = code;
    headersNanos = nanos;
    lastReadNanos = nanos;
  }

  void read(int bytes, long nanos) {
    bodyBytes += bytes; // one loop thread writes
    lastReadNanos = nanos;
  }

  /**
   * One line, times from the send: {@code new connection +0.3 ms, request written +0.4 ms, headers 200 +15.1 ms,
   * 3420 body bytes, last read +2.1 s, now +120.0 s}.
   */
  String describe(long sendNanos, long nowNanos) {
    List<String> parts = new ArrayList<>();
    if (connectedNanos >= 0) {
      parts.add((reused ? "idle connection reused " : "new connection ") + at(connectedNanos, sendNanos));
    } else if (connectNanos >= 0) {
      parts.add("connecting since " + at(connectNanos, sendNanos) + ", not connected");
    } else {
      parts.add("no connection started");
    }
    parts.add(writtenNanos >= 0 ? "request written " + at(writtenNanos, sendNanos) : "request not written");
    parts.add(headersNanos >= 0 ? "headers " + status + " " + at(headersNanos, sendNanos) : "no headers");
    if (headersNanos >= 0) {
      parts.add(bodyBytes + " body bytes");
      parts.add("last read " + at(lastReadNanos, sendNanos));
    }
    parts.add("now " + at(nowNanos, sendNanos));
    return String.join(", ", parts);
  }

  private static String at(long nanos, long sendNanos) {
    double ms = (nanos - sendNanos) / 1e6;
    return Math.abs(ms) < 1000 ? String.format(Locale.ROOT, "+%.1f ms", ms)
        : String.format(Locale.ROOT, "+%.1f s", ms / 1000);
  }
}
