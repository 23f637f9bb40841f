package org.inferbench.results;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The result schema, derived from the record classes by reflection so it cannot drift from them: JSON Schema
 * (draft 2020-12) for other tools, and the same rules checked on every line the store reads or writes.
 *
 * <p>Rules: snake_case keys; no keys beyond the components; primitive components and those in
 * {@link #REQUIRED} must be present (nulls are left out when written, so an absent key means null); integers
 * for int/long, numbers for double, the labels of enums ({@code Status}: ok, failed, n/a); maps are objects with
 * string keys.
 */
public final class ResultSchema {
  public static final Path COMMITTED = Path.of("schema", "result.schema.json");
  static final String ID = "https://inferbench.org/schema/result.schema.json";

  /** Reference-typed components that every record must carry (primitives always must). */
  private static final Map<Class<?>, Set<String>> REQUIRED = Map.of(
      ResultRecord.class, Set.of("configKey", "envFingerprint", "runId", "timestamp", "status", "workload",
          "environment"),
      WorkloadRecord.class, Set.of("model", "engine"),
      MetricStats.class, Set.of("unit"));

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResultSchema() {}

  /** The JSON Schema of one results.jsonl line. */
  public static ObjectNode jsonSchema() {
    Map<String, ObjectNode> defs = new TreeMap<>();
    ObjectNode root = NODES.objectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", ID);
    root.put("title", "InferBench result record, schema_version " + ResultRecord.SCHEMA_VERSION);
    root.put("description", "One configuration's result: one JSON object per line of results.jsonl.");
    root.setAll(recordSchema(ResultRecord.class, defs));
    // what the reader enforces beyond the types
    ObjectNode props = (ObjectNode) root.get("properties");
    ((ObjectNode) props.get("schema_version")).put("const", ResultRecord.SCHEMA_VERSION);
    ((ObjectNode) props.get("timestamp")).put("format", "date-time");
    ObjectNode defsNode = root.putObject("$defs");
    defs.forEach(defsNode::set);
    return root;
  }

  /** The schema as committed: two-space indent, LF line ends, final newline. */
  public static String jsonSchemaText() {
    try {
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
          .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));
      return Json.mapper().writer(printer).writeValueAsString(jsonSchema()) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot print the result schema: " + e.getMessage(), e);
    }
  }

  /** Writes the schema file (default {@code schema/result.schema.json}); run after a deliberate schema change. */
  public static void main(String[] args) throws IOException {
    Path out = args.length > 0 ? Path.of(args[0]) : COMMITTED;
    if (out.getParent() != null) Files.createDirectories(out.getParent());
    Files.writeString(out, jsonSchemaText());
    System.out.println("wrote " + out);
  }

  /**
   * Checks one parsed line against the record types.
   *
   * @throws IllegalArgumentException naming the first offending field by its path, e.g. {@code workload.batch}
   */
  public static void validate(JsonNode line) {
    checkRecord(line, ResultRecord.class, "");
  }

  static String jsonName(String component) {
    return new PropertyNamingStrategies.SnakeCaseStrategy().translate(component);
  }

  static boolean required(Class<?> record, RecordComponent c) {
    return c.getType().isPrimitive() || REQUIRED.getOrDefault(record, Set.of()).contains(c.getName());
  }

  // ---- generation

  private static ObjectNode recordSchema(Class<?> record, Map<String, ObjectNode> defs) {
    ObjectNode s = NODES.objectNode();
    s.put("type", "object");
    ObjectNode props = s.putObject("properties");
    ArrayNode required = NODES.arrayNode();
    for (RecordComponent c : record.getRecordComponents()) {
      props.set(jsonName(c.getName()), typeSchema(c.getGenericType(), defs));
      if (required(record, c)) required.add(jsonName(c.getName()));
    }
    s.set("required", required);
    s.put("additionalProperties", false);
    return s;
  }

  private static ObjectNode typeSchema(Type type, Map<String, ObjectNode> defs) {
    ObjectNode s = NODES.objectNode();
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        s.put("type", "array");
        s.set("items", typeSchema(args[0], defs));
      } else if (Map.class.isAssignableFrom(raw)) {
        s.put("type", "object");
        if (args[1] != Object.class) s.set("additionalProperties", typeSchema(args[1], defs));
      } else {
        throw new IllegalStateException("result schema: no JSON form for " + type);
      }
      return s;
    }
    Class<?> c = (Class<?>) type;
    switch (kind(c)) {
      case INTEGER -> s.put("type", "integer");
      case NUMBER -> s.put("type", "number");
      case BOOLEAN -> s.put("type", "boolean");
      case STRING -> s.put("type", "string");
      case ANY -> { }
      case ENUM -> {
        s.put("type", "string");
        ArrayNode labels = s.putArray("enum");
        for (String label : enumLabels(c)) labels.add(label);
      }
      case NUMBER_ARRAY -> {
        s.put("type", "array");
        s.putObject("items").put("type", "number");
      }
      case RECORD -> {
        if (!defs.containsKey(c.getSimpleName())) {
          defs.put(c.getSimpleName(), NODES.objectNode()); // placeholder guards against recursion
          defs.put(c.getSimpleName(), recordSchema(c, defs));
        }
        s.put("$ref", "#/$defs/" + c.getSimpleName());
      }
    }
    return s;
  }

  // ---- validation

  private static void checkRecord(JsonNode node, Class<?> record, String path) {
    if (!node.isObject()) throw bad(path.isEmpty() ? "line" : path, "expected an object, got " + what(node));
    Set<String> known = new LinkedHashSet<>();
    for (RecordComponent c : record.getRecordComponents()) {
      String name = jsonName(c.getName());
      known.add(name);
      JsonNode v = node.get(name);
      String at = path + name;
      if (v == null || v.isNull()) {
        if (required(record, c)) throw bad(at, "required, missing");
        continue;
      }
      checkType(v, c.getGenericType(), at);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) throw bad(path + f, "unknown field (expected one of " + String.join(", ", known) + ")");
    }
  }

  private static void checkType(JsonNode v, Type type, String at) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        if (!v.isArray()) throw bad(at, "expected an array, got " + what(v));
        for (int i = 0; i < v.size(); i++) checkType(v.get(i), args[0], at + "[" + i + "]");
      } else {
        if (!v.isObject()) throw bad(at, "expected an object, got " + what(v));
        if (args[1] == Object.class) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          checkType(e.getValue(), args[1], at + "." + e.getKey());
        }
      }
      return;
    }
    Class<?> c = (Class<?>) type;
    switch (kind(c)) {
      case INTEGER -> {
        if (!v.isIntegralNumber()) throw bad(at, "expected an integer, got " + what(v));
      }
      case NUMBER -> {
        if (!v.isNumber()) throw bad(at, "expected a number, got " + what(v));
      }
      case BOOLEAN -> {
        if (!v.isBoolean()) throw bad(at, "expected true or false, got " + what(v));
      }
      case STRING -> {
        if (!v.isTextual()) throw bad(at, "expected a string, got " + what(v));
      }
      case ANY -> { }
      case ENUM -> {
        List<String> labels = enumLabels(c);
        if (!v.isTextual() || !labels.contains(v.asText())) {
          throw bad(at, "expected one of " + String.join(", ", labels) + ", got " + what(v));
        }
      }
      case NUMBER_ARRAY -> {
        if (!v.isArray()) throw bad(at, "expected an array of numbers, got " + what(v));
        for (int i = 0; i < v.size(); i++) {
          if (!v.get(i).isNumber()) throw bad(at + "[" + i + "]", "expected a number, got " + what(v.get(i)));
        }
      }
      case RECORD -> checkRecord(v, c, at + ".");
    }
  }

  private static IllegalArgumentException bad(String at, String what) {
    return new IllegalArgumentException(at + ": " + what);
  }

  private static String what(JsonNode v) {
    String text = v.toString();
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  // ---- the type model both halves share

  private enum Kind { INTEGER, NUMBER, BOOLEAN, STRING, ANY, ENUM, NUMBER_ARRAY, RECORD }

  private static Kind kind(Class<?> c) {
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class) return Kind.INTEGER;
    if (c == double.class || c == Double.class || c == float.class || c == Float.class) return Kind.NUMBER;
    if (c == boolean.class || c == Boolean.class) return Kind.BOOLEAN;
    if (c == String.class) return Kind.STRING;
    if (c == Object.class) return Kind.ANY;
    if (c.isEnum()) return Kind.ENUM;
    if (c == double[].class) return Kind.NUMBER_ARRAY;
    if (c.isRecord()) return Kind.RECORD;
    throw new IllegalStateException("result schema: no JSON form for " + c.getName());
  }

  /** Enum constants as Jackson writes them (their @JsonValue label, e.g. "n/a"). */
  private static List<String> enumLabels(Class<?> c) {
    return java.util.Arrays.stream(c.getEnumConstants())
        .map(e -> Json.mapper().convertValue(e, String.class))
        .toList();
  }
}
