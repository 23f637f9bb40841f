package org.inferbench.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** A {@code --model-opt key=value} value read as the JSON type of the field it replaces. */
final class OverrideValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OverrideValues() {}

  static JsonNode parseLike(String key, String value, JsonNode old) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    String wrong = "--model-opt " + key + ": expected ";
    if (old == null || old.isNull()) {
      JsonNode guess;
      try {
        guess = JSON.readTree(value);
      } catch (JsonProcessingException e) {
        return f.textNode(value);
      }
      return guess.isValueNode() ? guess : f.textNode(value);
    }
    if (old.isIntegralNumber()) {
      try {
        return f.numberNode(Long.parseLong(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(wrong + "an integer, got \"" + value + "\"");
      }
    }
    if (old.isNumber()) {
      try {
        return f.numberNode(Double.parseDouble(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(wrong + "a number, got \"" + value + "\"");
      }
    }
    if (old.isBoolean()) {
      if (!value.equals("true") && !value.equals("false")) {
        throw new IllegalArgumentException(wrong + "true or false, got \"" + value + "\"");
      }
      return f.booleanNode(Boolean.parseBoolean(value));
    }
    if (old.isTextual()) {
      return f.textNode(value);
    }
    throw new IllegalArgumentException("--model-opt " + key + ": only scalar fields can be overridden");
  }

}
