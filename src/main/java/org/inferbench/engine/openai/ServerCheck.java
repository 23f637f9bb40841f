package org.inferbench.engine.openai;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.openai.client.RequestTrace;
import org.inferbench.engine.openai.client.StreamingClient;

/**
 * Sends one short streamed request before anything is measured, so that what would fail every request (a wrong
 * model name, a refused key, an endpoint that does not stream) is one line at the start instead of a failed run.
 */
final class ServerCheck {
  private static final int PROMPT_TOKENS = 8;
  private static final int OUTPUT_TOKENS = 2;

  private ServerCheck() {}

  static void probe(StreamingClient client, OpenAiSettings s, String model, ServerIdentity identity)
      throws Exception {
    PromptMaker prompts = new PromptMaker(s.api(), null, s.seed());
    String body = RequestBody.of(s.api(), model, prompts.prompt(-1, PROMPT_TOKENS), OUTPUT_TOKENS, s.extraBody());
    HttpRequest.Builder b = HttpRequest.newBuilder(s.streamUri())
        .timeout(Duration.ofMillis(Math.round(s.readTimeoutS() * 1000)))
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    s.requestHeaders().forEach(b::header);
    RequestTrace t;
    try {
      t = client.stream(b.build(), s.api(), null, System.nanoTime())
          .awaitTrace(Math.round(s.readTimeoutS() * 1000) + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new BadInputException(s.streamUri() + ": no answer within " + s.readTimeoutS() + " s to a "
          + OUTPUT_TOKENS + "-token request");
    }
    if (t.ok() && !t.chunks().isEmpty()) {
      return;
    }
    String where = s.streamUri() + ": ";
    if (t.ok()) {
      throw new BadInputException(where + "the stream of a " + OUTPUT_TOKENS
          + "-token request carried no output tokens");
    }
    String why = t.failureMessage();
    throw new BadInputException(switch (t.failure()) {
      case CONNECT -> "endpoint " + s.endpoint() + ": cannot connect (" + why + ")";
      case HTTP_STATUS -> where + why + hint(t.status(), s, model, identity);
      case NOT_SSE -> where + why + "; is this an OpenAI-compatible endpoint with streaming?";
      default -> where + why;
    });
  }

  private static String hint(int status, OpenAiSettings s, String model, ServerIdentity identity) {
    if ((status == 404 || status == 400) && !identity.models().isEmpty() && !identity.models().contains(model)) {
      return " (--model " + model + " is not among the served models: " + String.join(", ", identity.models()) + ")";
    }
    if (status == 401 || status == 403) {
      return s.apiKeyEnv() == null ? " (no key given: api-key-env=NAME)" : " (check the key in $" + s.apiKeyEnv() + ")";
    }
    return "";
  }
}
