package org.inferbench.engine.openai.client;

import org.inferbench.engine.openai.stream.Api;
import org.inferbench.engine.openai.stream.ChunkDecoder;
import org.inferbench.engine.openai.stream.ServerError;
import org.inferbench.engine.openai.stream.StreamMessage;

/** The server's own words about an error, on one line: its error object's message, else the start of its body. */
final class ServerMessages {
  private static final int MAX_CHARS = 300;

  private ServerMessages() {}

  /** An error body as servers send it (a JSON error object in any of the known shapes, or text). */
  static String of(String body) {
    String text = body == null ? "" : body.strip();
    if (text.startsWith("{")) {
      // the stream decoder already knows every error-object shape; one event's data is one JSON object
      StreamMessage m = new ChunkDecoder(Api.COMPLETIONS).decode(text);
      if (m instanceof ServerError e && !e.message().isEmpty()) {
        return of(e);
      }
    }
    return text.isEmpty() ? "(no body)" : oneLine(text);
  }

  static String of(ServerError e) {
    String m = oneLine(e.message().isEmpty() ? "(no message)" : e.message());
    if (e.type() != null || e.code() != null) {
      m += " (" + (e.type() == null ? "" : e.type()) + (e.type() != null && e.code() != null ? ", " : "")
          + (e.code() == null ? "" : "code " + e.code()) + ")";
    }
    return m;
  }

  private static String oneLine(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= MAX_CHARS ? one : one.substring(0, MAX_CHARS) + "…";
  }
}
