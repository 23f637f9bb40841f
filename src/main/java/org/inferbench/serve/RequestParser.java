package org.inferbench.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a completions or chat request body into a {@link CompletionJob}, refusing what it cannot serve with a 400
 * (or a 404 for another model's name) that says which field is wrong.
 *
 * <p>Without {@code max_tokens} a request gets {@value #DEFAULT_MAX_TOKENS} tokens (the completions API's default;
 * chat's "until the context is full" would make an unbounded default load). Chat messages' contents are joined with
 * newlines: no chat template, so the prompt length is the messages' own.
 */
final class RequestParser {
  static final int DEFAULT_MAX_TOKENS = 16;
  private static final AtomicLong IDS = new AtomicLong();

  private final String servedModel;
  private final PromptTokens tokens;
  private final int maxPositions;
  private final int vocabulary;

  RequestParser(String servedModel, PromptTokens tokens, int maxPositions, int vocabulary) {
    this.servedModel = servedModel;
    this.tokens = tokens;
    this.maxPositions = maxPositions;
    this.vocabulary = vocabulary;
  }

  CompletionJob parse(ServeApi api, byte[] body) throws ApiError {
    JsonNode root;
    try {
      root = Wire.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw ApiError.badRequest("The body could not be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) throw ApiError.badRequest("The body must be a JSON object");
    JsonNode model = root.get("model");
    if (model == null || !model.isTextual()) throw ApiError.badRequest("'model' is required (a string)");
    if (!model.asText().equals(servedModel)) throw ApiError.unknownModel(model.asText(), servedModel);
    JsonNode n = root.get("n");
    if (n != null && !(n.canConvertToInt() && n.intValue() == 1)) throw ApiError.badRequest("'n' other than 1 is not supported");
    int[] prompt = api == ServeApi.CHAT ? encode(messagesText(root)) : prompt(root.get("prompt"));
    if (prompt.length == 0) throw ApiError.badRequest("The prompt is empty");
    int max = maxTokens(root);
    if ((long) prompt.length + max > maxPositions) {
      throw new ApiError(400, "invalid_request_error", "context_length_exceeded", "prompt (" + prompt.length
          + " tokens) + max_tokens (" + max + ") exceeds the model's " + maxPositions + " positions");
    }
    boolean stream = bool(root, "stream");
    JsonNode options = root.get("stream_options");
    boolean usage = options != null && options.isObject() && bool(options, "include_usage");
    return new CompletionJob(api, api.idPrefix + IDS.incrementAndGet(), servedModel, prompt, max,
        bool(root, "ignore_eos"), stream, usage);
  }

  private int[] prompt(JsonNode p) throws ApiError {
    if (p == null || p.isNull()) throw ApiError.badRequest("'prompt' is required");
    if (p.isTextual()) return encode(p.asText());
    if (p.isArray() && p.size() == 1 && (p.get(0).isTextual() || p.get(0).isArray())) return prompt(p.get(0));
    if (p.isArray()) {
      int[] ids = new int[p.size()];
      for (int i = 0; i < ids.length; i++) {
        JsonNode t = p.get(i);
        if (!t.isIntegralNumber() || !t.canConvertToInt() || t.intValue() < 0 || t.intValue() >= vocabulary) {
          throw ApiError.badRequest("'prompt' must be a string or an array of token ids (integers from 0 to "
              + (vocabulary - 1) + ")");
        }
        ids[i] = t.intValue();
      }
      return ids;
    }
    throw ApiError.badRequest("'prompt' must be a string or an array of token ids");
  }

  private static String messagesText(JsonNode root) throws ApiError {
    JsonNode messages = root.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw ApiError.badRequest("'messages' is required (a non-empty array)");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode m : messages) {
      JsonNode content = m.get("content");
      if (content == null || content.isNull()) continue;
      if (content.isTextual()) {
        append(text, content.asText());
      } else if (content.isArray()) {
        for (JsonNode part : content) {
          if (part.path("text").isTextual()) append(text, part.get("text").asText());
        }
      } else {
        throw ApiError.badRequest("'messages[].content' must be a string or an array of parts");
      }
    }
    return text.toString();
  }

  private static void append(StringBuilder text, String s) {
    if (!text.isEmpty()) text.append('\n');
    text.append(s);
  }

  private int[] encode(String text) throws ApiError {
    try {
      return tokens.encode(text);
    } catch (Exception e) {
      throw ApiError.badRequest("The prompt could not be tokenized: " + e.getMessage());
    }
  }

  private static int maxTokens(JsonNode root) throws ApiError {
    JsonNode m = root.get("max_completion_tokens");
    String field = "max_completion_tokens";
    if (m == null || m.isNull()) {
      m = root.get("max_tokens");
      field = "max_tokens";
    }
    if (m == null || m.isNull()) return DEFAULT_MAX_TOKENS;
    if (!m.isIntegralNumber() || !m.canConvertToInt() || m.intValue() < 1) {
      throw ApiError.badRequest("'" + field + "' must be a positive integer");
    }
    return m.intValue();
  }

  private static boolean bool(JsonNode parent, String field) throws ApiError {
    JsonNode b = parent.get(field);
    if (b == null || b.isNull()) return false;
    if (!b.isBoolean()) throw ApiError.badRequest("'" + field + "' must be true or false");
    return b.booleanValue();
  }
}
