package org.inferbench.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the server refuses, as an OpenAI error object: {@code {"error": {"message", "type", "code"}}} with its
 * HTTP status, so clients written for OpenAI read it as they read the real thing.
 */
final class ApiError extends Exception {
  private final int status;
  private final String type;
  private final String code;

  ApiError(int status, String type, String code, String message) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "invalid_request_error", "invalid_request", message);
  }

  static ApiError unknownModel(String asked, String served) {
    return new ApiError(404, "invalid_request_error", "model_not_found",
        "The model '" + asked + "' does not exist; this server serves '" + served + "'");
  }

  static ApiError notFound(String path) {
    return new ApiError(404, "invalid_request_error", "not_found", "No route for " + path);
  }

  static ApiError methodNotAllowed(String method, String path) {
    return new ApiError(405, "invalid_request_error", "method_not_allowed", method + " is not allowed on " + path);
  }

  static ApiError internal(String message) {
    return new ApiError(500, "server_error", "internal_error", message);
  }

  int status() {
    return status;
  }

  ObjectNode toJson() {
    ObjectNode root = Wire.JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", getMessage());
    error.put("type", type);
    error.put("code", code);
    return root;
  }
}
