package org.inferbench.engine.openai.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON reader every stream shares (an ObjectMapper is thread-safe once built), and lenient field reads. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** The text of a field, or null: servers send null, omit fields, or send numbers where text is expected. */
  public static String text(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
  }

  public static int integer(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && n.isNumber() && n.canConvertToInt() ? n.intValue() : -1;
  }

  public static double decimal(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && n.isNumber() ? n.doubleValue() : Double.NaN;
  }

  /** The field if it is an object, else null ({@code "usage": null} is how many servers say "no usage"). */
  public static JsonNode object(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && n.isObject() ? n : null;
  }
}
