package org.inferbench.engine.openai;

import org.inferbench.engine.openai.stream.Api;
import org.inferbench.engine.openai.stream.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The body of one streamed request: the model, the prompt, the output length, streaming with usage, and
 * {@code ignore_eos} so the server produces exactly the tokens asked for; the user's extra body over all of it (a
 * null field there removes one of ours, for servers that refuse {@code ignore_eos}).
 */
final class RequestBody {
  private RequestBody() {}

  static String of(Api api, String model, JsonNode prompt, int maxTokens, ObjectNode extra) {
    ObjectNode b = Json.MAPPER.createObjectNode();
    b.put("model", model);
    if (api == Api.CHAT) {
      ObjectNode m = b.putArray("messages").addObject();
      m.put("role", "user");
      m.set("content", prompt);
    } else {
      b.set("prompt", prompt);
    }
    b.put("max_tokens", maxTokens);
    b.put("stream", true);
    b.putObject("stream_options").put("include_usage", true);
    b.put("ignore_eos", true);
    for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        b.remove(e.getKey());
      } else {
        b.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    try {
      return Json.MAPPER.writeValueAsString(b);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a tree of plain nodes always writes
    }
  }
}
