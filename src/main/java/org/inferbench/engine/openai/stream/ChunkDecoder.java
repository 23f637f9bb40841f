package org.inferbench.engine.openai.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Decodes the events of one OpenAI-compatible stream, in order, and keeps its {@link StreamTotals}. One per stream:
 * counting from cumulative usage needs the chunks before. Not thread-safe.
 */
public final class ChunkDecoder {
  private static final String DONE = "[DONE]";
  private static final StreamMessage.Done DONE_MESSAGE = new StreamMessage.Done();

  private final Api api;
  private final TokenCounter counter;
  private final StreamTotals totals = new StreamTotals();

  /** Without a tokenizer a chunk without per-chunk usage counts one token per choice that carries text. */
  public ChunkDecoder(Api api) {
    this(api, null);
  }

  /** @param tokenizer nullable; the model's token count of a piece of text, used when usage is not per chunk */
  public ChunkDecoder(Api api, ToIntFunction<String> tokenizer) {
    this.api = Objects.requireNonNull(api);
    this.counter = new TokenCounter(tokenizer);
  }

  /** One event's data. */
  public StreamMessage decode(String data) {
    StreamMessage message = read(data);
    totals.accept(message);
    return message;
  }

  public StreamTotals totals() {
    return totals;
  }

  private StreamMessage read(String data) {
    if (data.strip().equals(DONE)) {
      return DONE_MESSAGE;
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(data);
    } catch (JsonProcessingException e) {
      return new StreamMessage.Malformed(data, "not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      return new StreamMessage.Malformed(data, "not a JSON object");
    }
    ServerError error = ErrorObjects.read(root);
    if (error != null) {
      return error;
    }
    ChunkFields fields = ChunkFields.read(root, api);
    if (fields == null) {
      return new StreamMessage.Malformed(data, "no choices, usage or timings");
    }
    return counter.count(fields);
  }
}
