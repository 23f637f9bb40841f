package org.inferbench.engine.openai.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a chunk says before its tokens are counted.
 *
 * @param texts the non-empty output text of each choice, in order: kept apart because a tokenizer must not run over
 *     two choices' texts joined, and counting one per chunk means one per choice that spoke
 * @param finishReason nullable
 * @param hasChoices false for a usage-only chunk ({@code "choices": []}), which never carries tokens
 * @param usage nullable
 * @param timings nullable
 */
record ChunkFields(
    List<String> texts, String finishReason, boolean hasChoices, Usage usage, ServerTimings timings) {

  /** The fields of a chunk object, or null if the object is not a chunk. */
  static ChunkFields read(JsonNode root, Api api) {
    JsonNode choices = root.get("choices");
    Usage usage = usage(Json.object(root, "usage"));
    ServerTimings timings = timings(Json.object(root, "timings"));
    if ((choices == null || !choices.isArray()) && usage == null && timings == null) {
      return null;
    }
    List<String> texts = new ArrayList<>(1);
    String finishReason = null;
    boolean hasChoices = choices != null && choices.isArray() && !choices.isEmpty();
    if (hasChoices) {
      for (JsonNode choice : choices) {
        String text = api == Api.CHAT ? chatText(choice) : Json.text(choice, "text");
        if (text != null && !text.isEmpty()) {
          texts.add(text);
        }
        if (finishReason == null) {
          finishReason = Json.text(choice, "finish_reason");
        }
      }
    }
    return new ChunkFields(texts, finishReason, hasChoices, usage, timings);
  }

  /** The concatenated text of all choices. */
  String text() {
    return texts.size() == 1 ? texts.get(0) : String.join("", texts);
  }

  /**
   * Reasoning text is output the server generated and counts as such. vLLM names it {@code reasoning_content}, newer
   * servers {@code reasoning}; one is read, never both, since a server in transition may send the same text twice.
   */
  private static String chatText(JsonNode choice) {
    JsonNode delta = Json.object(choice, "delta");
    if (delta == null) {
      return null;
    }
    String reasoning = Json.text(delta, "reasoning_content");
    if (reasoning == null) {
      reasoning = Json.text(delta, "reasoning");
    }
    String content = Json.text(delta, "content"); // null in a role-only delta
    if (reasoning == null) {
      return content;
    }
    return content == null ? reasoning : reasoning + content;
  }

  private static Usage usage(JsonNode u) {
    if (u == null) {
      return null;
    }
    int completion = Json.integer(u, "completion_tokens");
    JsonNode details = Json.object(u, "prompt_tokens_details");
    int cached = details == null ? -1 : Json.integer(details, "cached_tokens");
    return completion < 0 ? null : new Usage(Json.integer(u, "prompt_tokens"), completion, cached);
  }

  private static ServerTimings timings(JsonNode t) {
    if (t == null) {
      return null;
    }
    return new ServerTimings(
        Json.integer(t, "prompt_n"),
        Json.decimal(t, "prompt_ms"),
        Json.decimal(t, "prompt_per_token_ms"),
        Json.decimal(t, "prompt_per_second"),
        Json.integer(t, "predicted_n"),
        Json.decimal(t, "predicted_ms"),
        Json.decimal(t, "predicted_per_token_ms"),
        Json.decimal(t, "predicted_per_second"),
        Json.integer(t, "cache_n"));
  }
}
