package org.inferbench.engine.openai;

import org.inferbench.engine.openai.stream.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.openai.client.StreamingClient;

/**
 * What the server says of itself, for the record: the models {@code GET /models} lists (with what the entry for
 * the served model adds, such as vLLM's {@code root} and {@code max_model_len}) and the answer of a version
 * endpoint where the server has one ({@code /version} beside the API root: vLLM, and others that copy it).
 *
 * @param models the ids the server lists; empty when it has no models endpoint
 * @param modelEntry the served model's own entry, flattened to text; empty when not listed
 * @param version what the version endpoint said, or {@code ""}
 */
record ServerIdentity(List<String> models, Map<String, String> modelEntry, String version) {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * @throws BadInputException when the endpoint cannot be reached, or refuses the key
   */
  static ServerIdentity ask(StreamingClient client, OpenAiSettings s, String model)
      throws BadInputException, InterruptedException {
    HttpResponse<String> r;
    try {
      r = client.get(s.modelsUri(), s.requestHeaders(), TIMEOUT);
    } catch (IOException e) {
      throw new BadInputException("endpoint " + s.endpoint() + ": cannot connect ("
          + StreamingClient.describe(e) + ")", e);
    }
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      throw new BadInputException(s.modelsUri() + ": HTTP " + r.statusCode() + " (" + firstLine(r.body()) + "); "
          + (s.apiKeyEnv() == null ? "no key given (api-key-env=NAME)" : "check the key in $" + s.apiKeyEnv()));
    }
    List<String> models = new ArrayList<>();
    Map<String, String> entry = new TreeMap<>();
    if (r.statusCode() == 200) {
      try {
        for (JsonNode m : Json.MAPPER.readTree(r.body()).path("data")) {
          String id = Json.text(m, "id");
          if (id == null) {
            continue;
          }
          models.add(id);
          if (id.equals(model)) {
            m.fields().forEachRemaining(f -> {
              if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                entry.put(f.getKey(), f.getValue().asText());
              }
            });
          }
        }
      } catch (IOException e) {
        // a models endpoint that answers something else tells nothing; the probe request decides
      }
    }
    return new ServerIdentity(models, entry, version(client, s));
  }

  private static String version(StreamingClient client, OpenAiSettings s) throws InterruptedException {
    URI root = s.endpoint().resolve("/version");
    try {
      HttpResponse<String> r = client.get(root, s.requestHeaders(), Duration.ofSeconds(2));
      if (r.statusCode() != 200) {
        return "";
      }
      try {
        JsonNode n = Json.MAPPER.readTree(r.body());
        String v = n == null ? null : Json.text(n, "version");
        if (v != null) {
          return v;
        }
      } catch (IOException e) {
        // not JSON: keep the start of the text
      }
      return firstLine(r.body());
    } catch (IOException e) {
      return "";
    }
  }

  private static String firstLine(String body) {
    String s = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
