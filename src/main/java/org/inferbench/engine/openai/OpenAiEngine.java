package org.inferbench.engine.openai;

import org.inferbench.engine.openai.stream.Api;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.Capability;
import org.inferbench.engine.Engine;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.ModelRef;
import org.inferbench.core.ModelShape;
import org.inferbench.engine.SettingSpec;
import org.inferbench.engine.onnx.OnnxTokenizer;
import org.inferbench.engine.openai.client.StreamingClient;
import org.inferbench.engine.openai.launch.ServerCommand;
import org.inferbench.engine.openai.launch.ServerProcess;

/**
 * A model served behind an OpenAI-compatible HTTP API (vLLM, llama-server, TGI, Ollama, a cloud endpoint):
 * {@code --model} is the served model's name, each request one stream whose chunks are the steps. Everything that
 * would fail every request is checked in {@link #prepare}, before anything is measured.
 */
public final class OpenAiEngine implements Engine {
  static final String CLIENT_VERSION = "openai-client/1";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private String serverVersion = "";

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public String description() {
    return "a model behind an OpenAI-compatible server (--model: the served name; --engine-opt endpoint=URL)";
  }

  @Override
  public String version() {
    return serverVersion.isEmpty() ? CLIENT_VERSION : CLIENT_VERSION + " server " + serverVersion;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.DECODER, Capability.STREAMING, Capability.TEXT_PROMPTS);
  }

  @Override
  public List<SettingSpec> settings() {
    return OpenAiSettings.SPECS;
  }

  @Override
  public ModelInfo describe(ModelRef model, EngineSettings settings) throws BadInputException {
    OpenAiSettings s = OpenAiSettings.from(settings);
    if (s.serverCmd() != null) {
      // checked now, before anything is measured: {port} and a value for every placeholder
      ServerCommand cmd = ServerCommand.of(s.serverCmd(), model.id(), s.values());
      return new ModelInfo(model.id(), ModelShape.DECODER, 1 << 20, PromptMaker.END_ID, new int[0],
          hash(cmd.filled() + "|" + model.id()), "server", null, Map.of("server_cmd", cmd.filled()));
    }
    // what the server holds is not known before asking it; the hash ties results to endpoint and served name
    return new ModelInfo(model.id(), ModelShape.DECODER, 1 << 20, PromptMaker.END_ID, new int[0],
        hash(s.endpoint() + "|" + model.id()), "server", null, Map.of("endpoint", s.endpoint().toString()));
  }

  @Override
  public String notApplicable(ModelInfo model, EngineSettings settings, int batch, int prompt, int output) {
    if (batch > 1) {
      return "--batch " + batch + ": the openai engine sends one prompt per request (a server batches requests"
          + " itself; load it with concurrent requests instead)";
    }
    return null;
  }

  @Override
  public void prepare(ModelRef model, EngineSettings settings) throws Exception {
    OpenAiSettings s = OpenAiSettings.from(settings);
    if (s.serverCmd() != null) {
      // the server starts with its configuration: only its program can be checked now
      ServerLaunch.checkProgram(ServerCommand.of(s.serverCmd(), model.id(), s.values()));
      return;
    }
    try (StreamingClient client = new StreamingClient(CONNECT_TIMEOUT)) {
      ServerCheck.probe(client, s, model.id(), ServerIdentity.ask(client, s, model.id()));
    }
  }

  @Override
  public LoadedModel load(ModelRef model, EngineSettings settings) throws Exception {
    OpenAiSettings given = OpenAiSettings.from(settings);
    ServerProcess server = given.serverCmd() == null ? null
        : ServerLaunch.start(ServerCommand.of(given.serverCmd(), model.id(), given.values()), model.id(),
            given.serverReadyS());
    OpenAiSettings s = server == null ? given : given.withEndpoint(ServerLaunch.endpoint(server));
    StreamingClient client = new StreamingClient(CONNECT_TIMEOUT);
    OnnxTokenizer tokenizer = null;
    try {
      ServerIdentity id = ServerIdentity.ask(client, s, model.id());
      serverVersion = id.version();
      tokenizer = s.tokenizer() == null ? null : OnnxTokenizer.open(s.tokenizer());
      PromptMaker.Exactness exact = new PromptMaker(s.api(), tokenizer, 0).exactness();
      Map<String, String> effective = effective(settings, s, model, id, exact);
      return new OpenAiModel(describe(model, settings), model.id(), s, effective, client, tokenizer, server);
    } catch (Exception | Error e) {
      client.close();
      if (server != null) {
        server.close();
      }
      if (tokenizer != null) {
        tokenizer.close();
      }
      throw e;
    }
  }

  /** The settings and what the server said of itself, as the record carries them. */
  private static Map<String, String> effective(EngineSettings settings, OpenAiSettings s, ModelRef model,
      ServerIdentity id, PromptMaker.Exactness exact) {
    Map<String, String> m = new TreeMap<>(settings.values());
    m.put("server.endpoint", s.endpoint().toString());
    m.put("server.model", model.id());
    m.put("server.version", id.version().isEmpty() ? "unknown (no version endpoint)" : id.version());
    m.put("server.models", id.models().isEmpty() ? "unknown (no models endpoint)" : String.join(", ", id.models()));
    id.modelEntry().forEach((k, v) -> m.put("server.model." + k, v));
    m.put("prompt_length", exact.note + (s.api() == Api.CHAT ? "; the chat template adds the server's own tokens"
        : ""));
    // the harness's trackers run in this process: their figures are the client's, never the server's
    m.put("trackers", "memory, energy and JVM figures describe the client machine, not the server");
    return m;
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
