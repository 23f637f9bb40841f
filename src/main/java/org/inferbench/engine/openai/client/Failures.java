package org.inferbench.engine.openai.client;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Names what the HTTP client threw in the words a user understands: the JDK reports an unknown host as a
 * ConnectException without a message around an UnresolvedAddressException, and a refused connection often without
 * a message at all.
 */
final class Failures {
  private Failures() {}

  static FailureKind kind(Throwable t) {
    Throwable c = unwrap(t);
    if (c instanceof HttpConnectTimeoutException || has(c, ConnectException.class)
        || has(c, UnresolvedAddressException.class) || has(c, UnknownHostException.class)) {
      return FailureKind.CONNECT;
    }
    if (c instanceof HttpTimeoutException) {
      return FailureKind.TIMEOUT;
    }
    return FailureKind.DISCONNECT;
  }

  static String describe(Throwable t) {
    Throwable c = unwrap(t);
    if (has(c, UnresolvedAddressException.class) || has(c, UnknownHostException.class)) {
      return "unknown host";
    }
    if (c instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    if (c instanceof HttpTimeoutException) {
      return "timed out";
    }
    if (has(c, ConnectException.class)) {
      return "connection refused";
    }
    String m = c.getMessage();
    return (m == null || m.isBlank() ? c.getClass().getSimpleName() : m).replaceAll("\\s+", " ").strip();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static boolean has(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
