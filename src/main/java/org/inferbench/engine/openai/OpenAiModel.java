package org.inferbench.engine.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.http.HttpRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.PromptTokenizer;
import org.inferbench.engine.Request;
import org.inferbench.engine.onnx.OnnxTokenizer;
import org.inferbench.engine.openai.client.ClockOffset;
import org.inferbench.engine.openai.client.RequestTrace;
import org.inferbench.engine.openai.client.StreamHandle;
import org.inferbench.engine.openai.client.StreamingClient;
import org.inferbench.engine.openai.launch.ServerProcess;

/**
 * A served model, reached over HTTP. Each request gets a prompt of its own (see {@link PromptMaker}), or the text a
 * request file gave it; its body is built in {@link #prepare}, before the request starts, so that building it is
 * never inside TTFT: the run loop's clock is running when start is called.
 */
final class OpenAiModel implements LoadedModel {
  private final ModelInfo info;
  private final String model;
  private final OpenAiSettings settings;
  private final Map<String, String> effective;
  private final StreamingClient client;
  private final OnnxTokenizer tokenizer;
  private final ToIntFunction<String> tokenCount;
  private final PromptMaker prompts;
  private final Map<BodyKey, Deque<String>> prepared = new HashMap<>();
  private long requests;
  private volatile RequestTrace lastTrace;
  private final ServerProcess server;
  private final String serverVersion;

  OpenAiModel(ModelInfo info, String model, OpenAiSettings settings, Map<String, String> effective,
      StreamingClient client, OnnxTokenizer tokenizer, ServerProcess server) {
    this.server = server;
    this.serverVersion = server == null ? "" : ServerProcess.programVersion(server.command().strip().split("\\s+")[0]);
    this.info = info;
    this.model = model;
    this.settings = settings;
    this.effective = effective;
    this.client = client;
    this.tokenizer = tokenizer;
    this.tokenCount = tokenizer == null ? null : text -> tokenizer.encode(text).length;
    this.prompts = new PromptMaker(settings.api(), tokenizer, settings.seed(), settings.sharedPrefix());
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public Map<String, String> effectiveSettings() {
    Map<String, String> m = new TreeMap<>(effective);
    RequestTrace t = lastTrace;
    if (t != null && t.usage() != null && t.usage().promptTokens() >= 0) {
      m.put("server.prompt_tokens", Integer.toString(t.usage().promptTokens())); // what the server counted
    }
    if (t != null) {
      m.put("output_token_source", t.outputTokenSource().name().toLowerCase());
    }
    if (server != null) { // a server started for this configuration: its command, version and last words so far
      m.put("server.command", server.command());
      m.put("server.log", server.log().toString());
      m.put("server.log_tail", server.tail());
      if (!server.versionLine().isEmpty()) m.put("server.log_version", server.versionLine());
      if (!serverVersion.isEmpty()) m.put("server.program_version", serverVersion);
    }
    return m;
  }

  @Override
  public long modelLoadNanos() {
    return 0;
  }

  @Override
  public long sessionCreateNanos() {
    return 0;
  }

  /** Builds the request's body before its clock starts: its prompt is drawn here (see {@link PromptMaker}). */
  @Override
  public void prepare(Request request) throws Exception {
    String body = body(request);
    synchronized (prepared) {
      prepared.computeIfAbsent(BodyKey.of(request), k -> new ArrayDeque<>()).add(body);
    }
  }

  @Override
  public Generation start(Request request) throws Exception {
    long scheduled = System.nanoTime();
    String body;
    synchronized (prepared) { // a load generator starts many requests at once: each takes a body of its own
      Deque<String> ready = prepared.get(BodyKey.of(request));
      body = ready == null ? null : ready.poll();
    }
    if (body == null) {
      body = body(request); // a caller that did not prepare it: built inside the clock
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(settings.streamUri())
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    settings.requestHeaders().forEach(b::header);
    StreamHandle h = client.stream(b.build(), settings.api(), tokenCount, scheduled);
    return new StreamGeneration(h, settings.readTimeoutS(), t -> lastTrace = t);
  }

  /** The client's nanoTime-to-epoch offset, to set arrivals against a server's write times. */
  ClockOffset clock() {
    return client.clock();
  }

  /** The trace of the last request that ended, or null. */
  RequestTrace lastTrace() {
    return lastTrace;
  }

  @Override
  public PromptTokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public void close() {
    client.close();
    if (server != null) {
      server.close(); // the whole process group, before the next configuration's server starts
    }
    if (tokenizer != null) {
      tokenizer.close();
    }
  }

  /**
   * The body of one request: its text where the workload gave one (sent as it is), else a prompt of its length drawn
   * for it alone.
   */
  private String body(Request request) throws Exception {
    JsonNode prompt;
    if (request.promptText() != null) {
      prompt = TextNode.valueOf(request.promptText());
    } else if (request.promptDraw() != 0) {
      prompt = prompts.prompt(request.promptDraw(), request.promptLength()); // unique over the run: no cache hit
    } else {
      synchronized (this) { // a caller that gave no draw: this model's own count
        prompt = prompts.prompt(requests++, request.promptLength());
      }
    }
    return RequestBody.of(settings.api(), model, prompt, request.outputTokens(), settings.extraBody());
  }

  /**
   * What a prepared body was built for: its prompt's length or text, its output length, and its draw (so that each
   * request of a load sends the prompt drawn for it, not one prepared by another thread at the same moment).
   */
  private record BodyKey(int prompt, int output, String text, long draw) {
    static BodyKey of(Request r) {
      return new BodyKey(r.promptText() == null ? r.promptLength() : -1, r.outputTokens(), r.promptText(),
          r.promptDraw());
    }
  }
}
