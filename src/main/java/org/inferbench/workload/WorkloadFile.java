package org.inferbench.workload;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.SettingRole;

/**
 * A workload or sweep file in YAML. Its keys are the long flag names ({@code engine-opts}, {@code target-ci}, …);
 * list-valued keys take a single value or a list; unknown keys are errors that name the key and line.
 */
public final class WorkloadFile {
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** The file's shape; polymorphic keys stay as trees and are read below with the same error style. */
  record Raw(
      JsonNode model,
      JsonNode models,
      JsonNode engine,
      @JsonProperty("engine-opts") Map<String, JsonNode> engineOpts,
      JsonNode batch,
      JsonNode concurrency,
      @JsonProperty("request-rate") JsonNode requestRate,
      String arrival,
      Double burstiness,
      @JsonProperty("max-concurrency") Integer maxConcurrency,
      String slo,
      String load,
      @JsonProperty("ramp-up") JsonNode rampUp,
      @JsonProperty("request-timeout") JsonNode requestTimeout,
      JsonNode prompt,
      JsonNode output,
      List<Map<String, Integer>> cases,
      Integer warmup,
      Integer runs,
      @JsonProperty("target-ci") Double targetCi,
      @JsonProperty("min-runs") Integer minRuns,
      @JsonProperty("max-runs") Integer maxRuns,
      @JsonProperty("max-time") JsonNode maxTime,
      @JsonProperty("time-budget") JsonNode timeBudget,
      @JsonProperty("pin-cpus") JsonNode pinCpus,
      String question,
      String headline,
      Long seed,
      String results,
      String order,
      String isolate,
      @JsonProperty("prompt-text") String promptText,
      @JsonProperty("prompt-file") String promptFile,
      @JsonProperty("include-tokenization") Boolean includeTokenization,
      @JsonProperty("stop-at-eos") Boolean stopAtEos,
      @JsonProperty("length-dist") String lengthDist,
      @JsonProperty("request-file") String requestFile,
      @JsonProperty("server-cmd") JsonNode serverCmd,
      String description,
      List<JsonNode> grids) {}

  /** Keys that belong to the whole file, not to one grid. */
  private static final List<String> TOP_LEVEL_ONLY = List.of("results", "order", "isolate", "seed", "grids",
      "time-budget", "pin-cpus", "question");

  private WorkloadFile() {}

  /** Reads a file without grids into the builder (a file with grids is refused: use {@link #loadAll}). */
  public static void load(Path file, WorkloadBuilder b) throws BadInputException {
    List<WorkloadBuilder> all = loadAll(file, b);
    if (all.size() != 1 || all.get(0) != b) throw new BadInputException(file + ": 'grids' is for sweep files");
  }

  /**
   * Reads the file; a file with {@code grids:} gives one builder per grid, each its top level with the grid's
   * keys over it (so one sweep can hold grids of different shapes, e.g. a long output for one arm only).
   * A problem is one line naming the file, the key and (where known) the line.
   */
  public static List<WorkloadBuilder> loadAll(Path file, WorkloadBuilder b) throws BadInputException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such workload file");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
    }
    Raw raw;
    try {
      raw = YAML.readValue(text, Raw.class);
    } catch (UnrecognizedPropertyException e) {
      throw new BadInputException(file + ":" + keyLine(text, e.getPropertyName(), e.getLocation()) + ": unknown key '" + e.getPropertyName()
          + "' (known: " + String.join(", ", knownKeys(e)) + ")");
    } catch (JsonProcessingException e) {
      throw new BadInputException(file + ":" + line(e.getLocation()) + ": " + keyOf(e) + "malformed YAML: "
          + firstLine(e.getOriginalMessage()));
    }
    if (raw == null) return List.of(b);
    try {
      apply(raw, b);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(file + ": " + e.getMessage());
    }
    if (raw.grids() == null) return List.of(b);
    if (raw.grids().isEmpty()) throw new BadInputException(file + ": grids: expected at least one grid");
    List<WorkloadBuilder> out = new ArrayList<>();
    for (int i = 0; i < raw.grids().size(); i++) {
      JsonNode g = raw.grids().get(i);
      String where = file + ": grids[" + i + "]";
      if (!g.isObject()) throw new BadInputException(where + ": expected a mapping of workload keys");
      for (String k : TOP_LEVEL_ONLY) {
        if (g.has(k)) throw new BadInputException(where + ": '" + k + "' belongs to the top level of the file");
      }
      WorkloadBuilder gb = b.copy();
      try {
        apply(YAML.treeToValue(g, Raw.class), gb);
      } catch (UnrecognizedPropertyException e) {
        throw new BadInputException(where + ": unknown key '" + e.getPropertyName() + "'");
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new BadInputException(where + ": " + firstLine(e.getMessage()));
      }
      out.add(gb);
    }
    return out;
  }

  /** "key 'runs': " where the parser knows which key held the bad value (a string for a number, say). */
  private static String keyOf(JsonProcessingException e) {
    if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException m) || m.getPath().isEmpty()) return "";
    StringBuilder path = new StringBuilder();
    for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
      if (r.getFieldName() != null) path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
      else if (r.getIndex() >= 0) path.append('[').append(r.getIndex()).append(']');
    }
    return path.length() == 0 ? "" : "key '" + path + "': ";
  }

  private static void apply(Raw r, WorkloadBuilder b) {
    if (r.model() != null && r.models() != null) throw new IllegalArgumentException("give either 'model' or 'models', not both");
    JsonNode models = r.model() != null ? r.model() : r.models();
    if (models != null) b.models = modelEntries(models);
    if (r.engine() != null) b.engines = strings("engine", r.engine());
    if (r.engineOpts() != null) {
      r.engineOpts().forEach((k, v) -> b.engineOpts.put(k, strings("engine-opts." + k, v)));
    }
    if (r.serverCmd() != null) {
      // as --server-cmd: a command or a list of them, each one value (a command may hold commas)
      List<String> cmds = new ArrayList<>();
      for (JsonNode c : r.serverCmd().isArray() ? r.serverCmd() : List.of(r.serverCmd())) {
        if (!c.isTextual() || c.asText().isBlank()) {
          throw new IllegalArgumentException("server-cmd: expected a command or a list of commands");
        }
        cmds.add(c.asText().strip());
      }
      b.engineOpts.put(RoleKeys.of(SettingRole.SERVER_COMMAND), cmds);
    }
    if (r.batch() != null) b.batch = ints("batch", r.batch());
    if (r.concurrency() != null) b.concurrency = ints("concurrency", r.concurrency());
    if (r.requestRate() != null) b.requestRate = Load.parseRates("request-rate", String.join(",", strings("request-rate", r.requestRate())));
    if (r.arrival() != null) b.arrival = r.arrival();
    if (r.burstiness() != null) b.burstiness = r.burstiness();
    if (r.maxConcurrency() != null) b.maxConcurrency = r.maxConcurrency();
    if (r.slo() != null) b.slo = r.slo();
    if (r.load() != null) b.loadSweep = r.load();
    if (r.rampUp() != null) b.rampUpS = Durations.seconds("ramp-up", r.rampUp().asText());
    if (r.requestTimeout() != null) b.requestTimeoutS = Durations.seconds("request-timeout", r.requestTimeout().asText());
    if (r.prompt() != null) b.prompt = ints("prompt", r.prompt());
    if (r.output() != null) b.output = outputs(r.output());
    if (r.cases() != null) {
      List<Case> cs = new ArrayList<>();
      for (Map<String, Integer> c : r.cases()) {
        if (!c.keySet().equals(java.util.Set.of("prompt", "output"))) {
          throw new IllegalArgumentException("cases: each entry needs exactly 'prompt' and 'output', got " + c.keySet());
        }
        if (c.get("prompt") == null || c.get("prompt") < 1) throw new IllegalArgumentException("cases.prompt: expected a positive integer, got " + c.get("prompt"));
        if (c.get("output") == null || c.get("output") < 0) throw new IllegalArgumentException("cases.output: expected 0 or more, got " + c.get("output"));
        cs.add(new Case(c.get("prompt"), c.get("output")));
      }
      b.cases = cs;
    }
    if (r.warmup() != null) b.warmup = r.warmup();
    if (r.runs() != null) b.runs = r.runs();
    if (r.targetCi() != null) b.targetCi = r.targetCi();
    if (r.minRuns() != null) b.minRuns = r.minRuns();
    if (r.maxRuns() != null) b.maxRuns = r.maxRuns();
    if (r.maxTime() != null) b.maxTimeS = Durations.seconds("max-time", r.maxTime().asText());
    if (r.timeBudget() != null) b.timeBudgetS = Durations.seconds("time-budget", r.timeBudget().asText());
    if (r.pinCpus() != null) b.pinCpus = r.pinCpus().asText();
    if (r.question() != null) b.question = r.question();
    if (r.headline() != null) b.headline = r.headline();
    if (r.seed() != null) b.seed = r.seed();
    if (r.results() != null) b.results = Path.of(r.results());
    if (r.order() != null) b.order = Order.parse(r.order());
    if (r.isolate() != null) b.isolate = Isolation.parse(r.isolate());
    if (r.promptText() != null) b.promptText = r.promptText();
    if (r.promptFile() != null) b.promptFile = Path.of(r.promptFile());
    if (r.includeTokenization() != null) b.includeTokenization = r.includeTokenization();
    if (r.stopAtEos() != null) b.stopAtEos = r.stopAtEos();
    if (r.lengthDist() != null) {
      LengthDist.parse("length-dist", r.lengthDist()); // checked now, with the key's name
      b.lengthDist = r.lengthDist();
    }
    if (r.requestFile() != null) b.requestFile = Path.of(r.requestFile());
  }

  private static List<LabelledModel> modelEntries(JsonNode n) {
    List<LabelledModel> out = new ArrayList<>();
    for (JsonNode item : n.isArray() ? n : List.of(n)) {
      if (item.isTextual()) {
        out.add(LabelledModel.of(item.asText()));
      } else if (item.isObject()) {
        Map<String, String> opts = new LinkedHashMap<>();
        java.util.Iterator<String> names = item.fieldNames();
        while (names.hasNext()) {
          String k = names.next();
          if (!List.of("model", "label", "config", "options").contains(k)) {
            throw new IllegalArgumentException("model: unknown key '" + k + "' (known: model, label, config, options)");
          }
        }
        if (!item.path("model").isTextual()) throw new IllegalArgumentException("model: each entry needs 'model: NAME'");
        item.path("options").fields().forEachRemaining(e -> opts.put(e.getKey(), e.getValue().asText()));
        String config = item.path("config").isTextual() ? item.path("config").asText() : null;
        out.add(new LabelledModel(item.path("model").asText(), item.path("label").asText(null),
            config == null ? null : Path.of(config), opts));
      } else {
        throw new IllegalArgumentException("model: expected a name, a {model, label, options} entry or a list of them");
      }
    }
    return out;
  }

  private static List<String> strings(String field, JsonNode n) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : n.isArray() ? n : List.of(n)) {
      if (!item.isValueNode() || item.isNull()) throw new IllegalArgumentException(field + ": expected a value or a list of values");
      for (String part : item.asText().split(",")) out.add(part.trim());
    }
    if (out.isEmpty()) throw new IllegalArgumentException(field + ": expected at least one value");
    return out;
  }

  private static List<Integer> ints(String field, JsonNode n) {
    List<Integer> out = new ArrayList<>();
    for (String s : strings(field, n)) out.add(Lengths.parsePositive(field, s));
    return out;
  }

  private static List<Integer> outputs(JsonNode n) {
    List<Integer> out = new ArrayList<>();
    for (String s : strings("output", n)) out.add(Lengths.parseNonNegative("output", s));
    return out;
  }

  private static String line(JsonLocation loc) {
    return loc == null || loc.getLineNr() < 1 ? "?" : Integer.toString(loc.getLineNr());
  }

  /** The parser reports where it stopped (after the value); the key's own line is what a user looks for. */
  private static String keyLine(String text, String key, JsonLocation fallback) {
    String[] lines = text.split("\n", -1);
    java.util.regex.Pattern p = java.util.regex.Pattern.compile("^\\s*-?\\s*[\"']?" + java.util.regex.Pattern.quote(key) + "[\"']?\\s*:");
    for (int i = 0; i < lines.length; i++) {
      if (p.matcher(lines[i]).find()) return Integer.toString(i + 1);
    }
    return line(fallback);
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static List<String> knownKeys(UnrecognizedPropertyException e) {
    List<String> keys = new ArrayList<>();
    if (e.getKnownPropertyIds() != null) e.getKnownPropertyIds().forEach(k -> keys.add(String.valueOf(k)));
    java.util.Collections.sort(keys);
    return keys;
  }
}
