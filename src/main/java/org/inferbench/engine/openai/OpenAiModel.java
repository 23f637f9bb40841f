package org.inferbench.engine.openai;

import java.net.http.HttpRequest;
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

/**
 * A served model, reached over HTTP. Each request gets a prompt of its own (see {@link PromptMaker}), built before
 * the request starts so that building it is never inside TTFT: the run loop's clock is running when start is called.
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
  private long requests;
  private String nextBody;
  private String nextBodyKey = "";
  private volatile RequestTrace lastTrace;

  OpenAiModel(ModelInfo info, String model, OpenAiSettings settings, Map<String, String> effective,
      StreamingClient client, OnnxTokenizer tokenizer) {
    this.info = info;
    this.model = model;
    this.settings = settings;
    this.effective = effective;
    this.client = client;
    this.tokenizer = tokenizer;
    this.tokenCount = tokenizer == null ? null : text -> tokenizer.encode(text).length;
    this.prompts = new PromptMaker(settings.api(), tokenizer, settings.seed());
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

  @Override
  public Generation start(Request request) throws Exception {
    long scheduled = System.nanoTime();
    String body = body(request.promptLength(), request.outputTokens());
    nextBody = null;
    HttpRequest.Builder b = HttpRequest.newBuilder(settings.streamUri())
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    settings.requestHeaders().forEach(b::header);
    StreamHandle h = client.stream(b.build(), settings.api(), tokenCount, scheduled);
    return new StreamGeneration(h, settings.readTimeoutS(), t -> ended(t, request));
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
    if (tokenizer != null) {
      tokenizer.close();
    }
  }

  private void ended(RequestTrace t, Request request) {
    lastTrace = t;
    try {
      body(request.promptLength(), request.outputTokens()); // the next request's, outside its clock
    } catch (Exception e) {
      nextBody = null; // built again, inside the next request, which then reports the failure
    }
  }

  private String body(int promptTokens, int outputTokens) throws Exception {
    String key = promptTokens + "/" + outputTokens;
    if (nextBody == null || !key.equals(nextBodyKey)) {
      nextBody = RequestBody.of(settings.api(), model, prompts.prompt(requests++, promptTokens), outputTokens,
          settings.extraBody());
      nextBodyKey = key;
    }
    return nextBody;
  }
}
