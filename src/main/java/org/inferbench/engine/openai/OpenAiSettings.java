package org.inferbench.engine.openai;

import org.inferbench.engine.openai.stream.Api;
import org.inferbench.engine.openai.stream.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.inferbench.core.BadInputException;
import org.inferbench.model.synth.PresetTokenizer;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.SettingRole;
import org.inferbench.engine.SettingSpec;

/**
 * The openai engine's settings, checked: each bad value is refused at plan time with a line naming the setting.
 * The API key is never held here, only the name of the variable that holds it, so no record or log can carry it.
 *
 * @param endpoint the base URL without a trailing slash, e.g. {@code http://127.0.0.1:8000/v1}
 * @param headers extra request headers
 * @param extraBody fields merged into every request body (a null value removes a field the engine would send)
 * @param tokenizer a tokenizer.json, or null
 * @param apiKeyEnv the name of the environment variable holding the key, or null
 * @param readTimeoutS seconds to wait for the next chunk before the request fails
 * @param seed seeds the prompts (each request's prompt is drawn from this seed and the request's number)
 * @param serverCmd a server command InferBench starts for each configuration (see
 *     {@link org.inferbench.engine.openai.launch.ServerCommand}), or null to use a running server at the endpoint
 * @param serverReadyS seconds a started server may take to serve
 * @param sharedPrefix tokens every prompt begins with, the same for all requests (0: prompts share nothing)
 * @param values every setting, for the server command's placeholders ({@code server.NAME})
 */
public record OpenAiSettings(URI endpoint, Api api, Map<String, String> headers, ObjectNode extraBody,
    Path tokenizer, String apiKeyEnv, double readTimeoutS, long seed, String serverCmd, double serverReadyS,
    int sharedPrefix, Map<String, String> values) {

  static final List<SettingSpec> SPECS = List.of(
      new SettingSpec("endpoint", "the server's base URL, e.g. http://127.0.0.1:8000/v1", "http://127.0.0.1:8000/v1",
          SettingSpec.Type.TEXT, List.of(), SettingRole.NONE),
      SettingSpec.choice("api", "which endpoint to stream from: /completions or /chat/completions", "completions",
          "completions", "chat"),
      new SettingSpec("api-key-env", "NAME of the environment variable holding the API key (never the key itself)",
          "", SettingSpec.Type.TEXT, List.of(), SettingRole.NONE),
      new SettingSpec("header", "one extra request header, 'Name: value'", "", SettingSpec.Type.TEXT, List.of(),
          SettingRole.NONE),
      new SettingSpec("extra-body", "a JSON object merged into every request body (or @file.json); null removes a field",
          "", SettingSpec.Type.TEXT, List.of(), SettingRole.NONE),
      new SettingSpec("tokenizer", "the served model's tokenizer.json, its directory or a preset's name:"
          + " exact prompt lengths and counts",
          "", SettingSpec.Type.TEXT, List.of(), SettingRole.NONE),
      SettingSpec.number("read-timeout", "seconds to wait for the next chunk before the request fails", "120"),
      SettingSpec.integer("prompt-seed", "seed of the prompts; the run's --seed when not given", null)
          .withRole(SettingRole.RUN_SEED),
      new SettingSpec("server-command", "a server InferBench starts per configuration: a command with {port} (picked"
          + " here), {model} and {NAME} for each server.NAME setting; the endpoint is then its own", null,
          SettingSpec.Type.TEXT, List.of(), SettingRole.NONE),
      new SettingSpec("server.*", "server.NAME=V: the value of the server command's {NAME} (a list is an axis)",
          null, SettingSpec.Type.TEXT, List.of(), SettingRole.NONE),
      SettingSpec.number("server-ready-timeout", "seconds a started server may take until it serves (300)", null),
      SettingSpec.integer("shared-prefix", "tokens every prompt begins with, the same for all requests (a system"
          + " prompt a prefix cache may answer); none: prompts share nothing", null)
          .withRole(SettingRole.SHARED_PREFIX_TOKENS));

  public OpenAiSettings {
    headers = Map.copyOf(headers);
    values = Map.copyOf(values);
  }

  /** The same settings against another endpoint (a started server's). */
  public OpenAiSettings withEndpoint(URI uri) {
    return new OpenAiSettings(uri, api, headers, extraBody, tokenizer, apiKeyEnv, readTimeoutS, seed, serverCmd,
        serverReadyS, sharedPrefix, values);
  }

  public static OpenAiSettings from(EngineSettings s) throws BadInputException {
    String seed = s.values().get("prompt-seed");
    return new OpenAiSettings(endpoint(s.get("endpoint")), s.get("api").equals("chat") ? Api.CHAT : Api.COMPLETIONS,
        header(s.get("header")), extraBody(s.get("extra-body")), tokenizer(s.get("tokenizer")),
        apiKeyEnv(s.get("api-key-env")), s.getDouble("read-timeout"), seed == null ? 0 : Long.parseLong(seed),
        serverCmd(s.values().get("server-command")), Double.parseDouble(s.values().getOrDefault("server-ready-timeout",
            "300")), Integer.parseInt(s.values().getOrDefault("shared-prefix", "0")), s.values());
  }

  /** The path requests of this API are sent to. */
  public URI streamUri() {
    return URI.create(endpoint + (api == Api.CHAT ? "/chat/completions" : "/completions"));
  }

  public URI modelsUri() {
    return URI.create(endpoint + "/models");
  }

  /** The headers of every request: the key (read from its variable now, never kept) and the user's header. */
  public Map<String, String> requestHeaders() {
    Map<String, String> h = new LinkedHashMap<>(headers);
    if (apiKeyEnv != null) {
      h.put("Authorization", "Bearer " + System.getenv(apiKeyEnv));
    }
    return h;
  }

  /**
   * The new settings have no defaults: a setting not given stays out of the config_key, so the records of runs
   * before them keep theirs.
   */
  private static String serverCmd(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static URI endpoint(String value) throws BadInputException {
    String v = value.strip().replaceAll("/+$", "");
    try {
      URI u = new URI(v);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new URISyntaxException(v, "expected http:// or https:// and a host");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new BadInputException("--engine-opt endpoint=" + value + ": not a URL (" + e.getReason()
          + "), e.g. http://127.0.0.1:8000/v1");
    }
  }

  private static Map<String, String> header(String value) throws BadInputException {
    if (value.isBlank()) {
      return Map.of();
    }
    int colon = value.indexOf(':');
    if (colon <= 0 || !value.substring(0, colon).strip().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      throw new BadInputException("--engine-opt header=" + value + ": expected 'Name: value'");
    }
    String name = value.substring(0, colon).strip();
    if (name.equalsIgnoreCase("authorization")) {
      throw new BadInputException("--engine-opt header: an Authorization header would put the key in the record;"
          + " name the variable that holds it with api-key-env=NAME");
    }
    return Map.of(name, value.substring(colon + 1).strip());
  }

  private static ObjectNode extraBody(String value) throws BadInputException {
    if (value.isBlank()) {
      return Json.MAPPER.createObjectNode();
    }
    String text = value;
    if (value.startsWith("@")) {
      try {
        text = Files.readString(Path.of(value.substring(1)));
      } catch (IOException e) {
        throw new BadInputException("--engine-opt extra-body=" + value + ": cannot read the file ("
            + BadInputException.oneLine(e) + ")");
      }
    }
    try {
      JsonNode n = Json.MAPPER.readTree(text);
      if (n instanceof ObjectNode o) {
        return o;
      }
    } catch (IOException e) {
      // reported below, with the likely cause
    }
    throw new BadInputException("--engine-opt extra-body=" + value + ": not a JSON object (--engine-opt splits values"
        + " at commas: give an object with one field, or several in a file with extra-body=@file.json)");
  }

  private static Path tokenizer(String value) throws BadInputException {
    if (value.isBlank()) {
      return null;
    }
    Path p = Path.of(value);
    if (Files.isDirectory(p)) {
      p = p.resolve("tokenizer.json");
    }
    if (Files.isRegularFile(p)) {
      return p;
    }
    // a preset's name: the tokenizer its synthetic model carries (a path of that name wins)
    Optional<Path> preset = PresetTokenizer.of(value);
    if (preset.isPresent()) {
      return preset.get();
    }
    throw new BadInputException("--engine-opt tokenizer=" + value + ": no such file or preset (give the served"
        + " model's tokenizer.json, its directory, or a preset's name: inferbench models)");
  }

  private static String apiKeyEnv(String name) throws BadInputException {
    if (name.isBlank()) {
      return null;
    }
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      // the likeliest mistake is the key itself in place of a name: never echo it
      throw new BadInputException("--engine-opt api-key-env: expected the NAME of an environment variable"
          + " (letters, digits, _), not a key");
    }
    String key = System.getenv(name);
    if (key == null || key.isBlank()) {
      throw new BadInputException("--engine-opt api-key-env=" + name + ": the environment variable " + name
          + " is not set");
    }
    return name;
  }
}
