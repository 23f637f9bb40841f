package org.inferbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The generated schema names every record field in snake_case with its type, and the validator enforces it. */
final class ResultSchemaTest {
  @Test
  void describesTheRecords() {
    ObjectNode s = ResultSchema.jsonSchema();
    assertThat(s.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    JsonNode props = s.get("properties");
    assertThat(props.get("schema_version").get("const").asInt()).isEqualTo(ResultRecord.SCHEMA_VERSION);
    assertThat(props.get("status").get("enum")).extracting(JsonNode::asText).containsExactly("ok", "failed", "n/a");
    assertThat(props.get("samples").get("additionalProperties").get("items").get("type").asText())
        .isEqualTo("number");
    assertThat(s.get("required")).extracting(JsonNode::asText).contains("config_key", "status", "workload")
        .doesNotContain("reason", "metrics");
    JsonNode workload = s.get("$defs").get("WorkloadRecord");
    assertThat(workload.get("properties").get("include_tokenization").get("type").asText()).isEqualTo("boolean");
    assertThat(workload.get("properties").get("target_ci").get("type").asText()).isEqualTo("number");
    assertThat(workload.get("required")).extracting(JsonNode::asText).contains("batch", "seed", "model")
        .doesNotContain("runs");
    assertThat(s.get("$defs").get("TrackerResults").get("properties").get("extra").has("additionalProperties"))
        .isFalse();
    assertThat(s.get("$defs").fieldNames()).toIterable()
        .containsExactly("Bounds", "EnvironmentRecord", "Levels", "MetricLevels", "MetricStats", "RequestFileRecord",
            "RequestTokens", "TrackerResults", "WorkloadRecord");
  }

  @Test
  void validatorNamesTheFieldPath() {
    ObjectNode line = Json.mapper().valueToTree(Fixtures.seeded().get(0));
    ResultSchema.validate(line);
    ((ObjectNode) line.get("metrics").get("ttft")).put("count", 1.5);
    assertThatThrownBy(() -> ResultSchema.validate(line)).hasMessage("metrics.ttft.count: expected an integer, got 1.5");
    ObjectNode other = Json.mapper().valueToTree(Fixtures.seeded().get(0));
    ((ObjectNode) other.get("samples")).putArray("e2e").add("fast");
    assertThatThrownBy(() -> ResultSchema.validate(other)).hasMessage("samples.e2e[0]: expected a number, got \"fast\"");
    ObjectNode nan = Json.mapper().valueToTree(Fixtures.seeded().get(0));
    ((ObjectNode) nan.get("trackers")).put("peak_rss_mb", Double.NaN);
    assertThatThrownBy(() -> ResultSchema.validate(nan)).hasMessage("trackers.peak_rss_mb: expected a finite number, got NaN");
  }
}
