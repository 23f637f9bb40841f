package org.inferbench.engine.openai.client;

/** Why a request failed, by the kinds METRICS.md counts errors in. */
public enum FailureKind {
  /** The connection could not be made (refused, unknown host, TLS). */
  CONNECT,
  /** The server answered with a status other than 2xx. */
  HTTP_STATUS,
  /** The answer was not an event stream (HTML, a plain JSON object). */
  NOT_SSE,
  /** The server sent an error object inside the stream. */
  SERVER_ERROR,
  /** Event data that is not a chunk, or an event cut off by the end of the body. */
  MALFORMED,
  /** The connection broke before the stream finished. */
  DISCONNECT,
  /** The client gave up waiting. */
  TIMEOUT,
  /** The client stopped reading (enough tokens, or the caller closed the stream). */
  CANCELLED
}
