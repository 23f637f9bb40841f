package org.inferbench.engine.openai.stream;

import com.fasterxml.jackson.databind.JsonNode;

/** Recognises the shapes in which servers put an error where a chunk was expected. */
final class ErrorObjects {
  private ErrorObjects() {}

  /** The error the object holds, or null if it is not one. */
  static ServerError read(JsonNode root) {
    JsonNode error = root.get("error");
    if (error != null && error.isObject()) {
      return of(error, Json.text(error, "message"), "type");
    }
    if (error != null && error.isTextual()) {
      return of(root, error.asText(), "error_type");
    }
    if ("error".equals(Json.text(root, "object"))) {
      return of(root, Json.text(root, "message"), "type");
    }
    return null;
  }

  private static ServerError of(JsonNode holder, String message, String typeField) {
    return new ServerError(message == null ? "" : message, Json.text(holder, typeField), Json.text(holder, "code"));
  }
}
