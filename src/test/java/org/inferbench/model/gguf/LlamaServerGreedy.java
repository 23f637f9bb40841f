package org.inferbench.model.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Greedy tokens from today's llama.cpp, through its own llama-server (found by {@link LlamaCppTools}): a prompt of
 * token ids to /completion with temperature 0 and top-k 1, the banned ids' logits set to −∞, the generated ids
 * returned as ids (return_tokens). One server per model file, stopped by this class.
 */
final class LlamaServerGreedy implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process server;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  LlamaServerGreedy(Path model) throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder(LlamaCppTools.tool("llama-server").toString(), "-m", model.toString(),
        "--host", "127.0.0.1", "--port", "" + port, "-c", "256", "-np", "1", "-t", "2", "--no-warmup")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("LD_LIBRARY_PATH", LlamaCppTools.bin().toString());
    server = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      if (!server.isAlive()) throw new IOException("llama-server exited " + server.exitValue() + " on " + model);
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) break;
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) throw new IOException("llama-server not healthy within 60 s on " + model);
      Thread.sleep(100);
    }
  }

  /**
   * One generated token and llama.cpp's log-probabilities of the {@code top} likeliest tokens at that step, from
   * its raw logits (before the bans).
   */
  record Step(int id, int[] topIds, double[] topLogprobs) {}

  /** The steps llama.cpp generates after {@code prompt}, never choosing a banned id. */
  List<Step> steps(int[] prompt, int steps, List<Integer> banned, int top) throws Exception {
    String bias = banned.stream().map(id -> "[" + id + ",false]").collect(Collectors.joining(","));
    String body = "{\"prompt\":" + Arrays.toString(prompt) + ",\"n_predict\":" + steps + ",\"temperature\":0,"
        + "\"top_k\":1,\"ignore_eos\":true,\"cache_prompt\":false,\"return_tokens\":true,\"n_probs\":" + top
        + ",\"logit_bias\":[" + bias + "]}";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/completion"))
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IOException("llama-server /completion " + r.statusCode() + ": " + r.body());
    List<Step> out = new ArrayList<>();
    for (JsonNode p : JSON.readTree(r.body()).path("completion_probabilities")) {
      JsonNode tops = p.path("top_logprobs");
      int[] ids = new int[tops.size()];
      double[] lp = new double[tops.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = tops.get(i).path("id").asInt();
        lp[i] = tops.get(i).path("logprob").asDouble();
      }
      out.add(new Step(p.path("id").asInt(), ids, lp));
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    server.destroy();
    if (!server.waitFor(10, TimeUnit.SECONDS)) server.destroyForcibly().waitFor();
  }
}
