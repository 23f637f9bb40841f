package org.inferbench.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import org.inferbench.measure.ToolVersion;

/**
 * Maps paths to answers and turns every refusal into an OpenAI error object. One handler for all paths, because the
 * JDK server matches contexts by prefix and an unknown path must still get a JSON 404.
 */
final class Routes implements HttpHandler {
  private final ServedModel model;
  private final CompletionHandler completions;
  private final Lateness lateness;
  private final Backend backend;
  private final String prompts;

  Routes(ServedModel model, CompletionHandler completions, Lateness lateness, Backend backend, String prompts) {
    this.model = model;
    this.completions = completions;
    this.lateness = lateness;
    this.backend = backend;
    this.prompts = prompts;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      try {
        ServeApi api = path.equals(ServeApi.COMPLETIONS.path) ? ServeApi.COMPLETIONS
            : path.equals(ServeApi.CHAT.path) ? ServeApi.CHAT : null;
        if (api != null) {
          if (!method.equals("POST")) throw ApiError.methodNotAllowed(method, path);
          completions.handle(api, exchange);
          return;
        }
        JsonNode answer = switch (path) {
          case "/v1/models" -> models();
          case "/version" -> version();
          case "/v1/lateness" -> lateness("reset=true".equals(exchange.getRequestURI().getQuery()));
          default -> throw ApiError.notFound(path);
        };
        if (!method.equals("GET")) throw ApiError.methodNotAllowed(method, path);
        sendJson(exchange, 200, answer);
      } catch (ApiError e) {
        sendJson(exchange, e.status(), e.toJson());
      } catch (RuntimeException e) {
        ApiError internal = ApiError.internal(String.valueOf(e.getMessage()));
        sendJson(exchange, internal.status(), internal.toJson());
      }
    }
  }

  private JsonNode models() {
    ObjectNode root = Wire.JSON.createObjectNode();
    root.put("object", "list");
    ObjectNode m = root.putArray("data").addObject();
    m.put("id", model.name());
    m.put("object", "model");
    m.put("created", 0);
    m.put("owned_by", "inferbench");
    m.put("max_model_len", model.maxPositions());
    return root;
  }

  private JsonNode version() {
    ObjectNode root = Wire.JSON.createObjectNode();
    root.put("name", "inferbench");
    root.put("version", ToolVersion.version());
    root.put("engine", model.engine());
    root.put("engine_version", model.engineVersion());
    root.put("slots", backend.slots());
    root.put("prompt_tokens_counted_by", prompts);
    root.put("write_time_field", ChunkFormat.WRITE_TIME_FIELD);
    return root;
  }

  /** @param reset start counting afresh after this answer ({@code ?reset=true}) */
  private JsonNode lateness(boolean reset) {
    Lateness.Summary s = lateness.summary();
    if (reset) lateness.reset();
    ObjectNode root = Wire.JSON.createObjectNode();
    root.put("chunks", s.chunks());
    // null, not NaN, before the first chunk: JSON has no NaN
    if (s.chunks() == 0) {
      root.putNull("p50_us").putNull("p99_us").putNull("max_us");
    } else {
      root.put("p50_us", s.p50Us()).put("p99_us", s.p99Us()).put("max_us", s.maxUs());
    }
    return root;
  }

  /** Headers already sent (a stream that failed mid-way) cannot be replaced: then the exchange just closes. */
  static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
    if (exchange.getResponseCode() != -1) return;
    byte[] bytes = Wire.JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
