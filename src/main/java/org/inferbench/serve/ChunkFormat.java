package org.inferbench.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of chunks and whole responses in OpenAI's shapes (completions: {@code choices[].text}; chat:
 * {@code choices[].delta.content}, the role on the first delta). Every object also carries
 * {@code inferbench_write_ns}, the server's write time in epoch nanoseconds: {@link System#nanoTime()} plus one
 * offset to the wall clock taken at start ({@link org.inferbench.engine.openai.client.ClockOffset}, the client's own
 * conversion), so it never steps with NTP, and a client on the same host that converts its receive times the same
 * way compares with it to within the two offsets' error (below a few µs).
 */
final class ChunkFormat {
  static final String WRITE_TIME_FIELD = "inferbench_write_ns";
  /** On a stream's first chunk: when the request reached the server's handler, epoch ns on the same clock. */
  static final String ARRIVAL_TIME_FIELD = "inferbench_arrival_ns";

  private final CompletionJob job;
  private final long created = System.currentTimeMillis() / 1000;
  private final long arrivalEpochNanos;

  ChunkFormat(CompletionJob job) {
    this(job, -1);
  }

  /** @param arrivalEpochNanos when the request reached the handler, -1 where not stamped */
  ChunkFormat(CompletionJob job, long arrivalEpochNanos) {
    this.job = job;
    this.arrivalEpochNanos = arrivalEpochNanos;
  }

  ObjectNode token(String text, boolean first, String finishReason, long writeEpochNanos) {
    ObjectNode chunk = head(job.api().chunkObject);
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    if (job.api() == ServeApi.CHAT) {
      ObjectNode delta = choice.putObject("delta");
      if (first) delta.put("role", "assistant");
      delta.put("content", text);
    } else {
      choice.put("text", text);
    }
    choice.putNull("logprobs");
    if (finishReason == null) choice.putNull("finish_reason");
    else choice.put("finish_reason", finishReason);
    chunk.put(WRITE_TIME_FIELD, writeEpochNanos);
    if (first && arrivalEpochNanos >= 0) chunk.put(ARRIVAL_TIME_FIELD, arrivalEpochNanos);
    return chunk;
  }

  /** The final {@code stream_options.include_usage} chunk: no choices, the usage. */
  ObjectNode usage(int prompt, int completion, long writeEpochNanos) {
    ObjectNode chunk = head(job.api().chunkObject);
    chunk.putArray("choices");
    usage(chunk, prompt, completion);
    chunk.put(WRITE_TIME_FIELD, writeEpochNanos);
    return chunk;
  }

  /** The whole answer of a request with {@code stream: false}. */
  ObjectNode response(String text, String finishReason, int prompt, int completion, long writeEpochNanos) {
    ObjectNode r = head(job.api().responseObject);
    ArrayNode choices = r.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    if (job.api() == ServeApi.CHAT) {
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      message.put("content", text);
    } else {
      choice.put("text", text);
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    usage(r, prompt, completion);
    r.put(WRITE_TIME_FIELD, writeEpochNanos);
    return r;
  }

  private ObjectNode head(String object) {
    ObjectNode o = Wire.JSON.createObjectNode();
    o.put("id", job.id());
    o.put("object", object);
    o.put("created", created);
    o.put("model", job.model());
    return o;
  }

  private static void usage(ObjectNode parent, int prompt, int completion) {
    ObjectNode u = parent.putObject("usage");
    u.put("prompt_tokens", prompt);
    u.put("completion_tokens", completion);
    u.put("total_tokens", prompt + completion);
  }
}
