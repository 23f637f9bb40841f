package org.inferbench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.inferbench.results.Json;
import org.junit.jupiter.api.Test;

/** Every rendering carries each row's verdict and change, and the JSON one parses with the regression flag. */
final class BaselineFormatTest {
  private static final BaselineComparison COMPARISON = new BaselineComparison(List.of(
      new BaselineRow("k1", "gpt2 onnx b1 p8 o10", "e2e", "ms", 10.0, 11.0, 1.1, 1.08, 1.12, 0.0001,
          BaselineRow.Verdict.REGRESSED, 30, 30, null),
      new BaselineRow("k2", "bert onnx b1 p8 o0", "encoder_latency", "ms", null, 5.0, null, null, null, null,
          BaselineRow.Verdict.MISSING, 0, 30, "not in the baseline")), 5, 0.01);

  @Test
  void tableAndMarkdownShowChangeAndVerdict() {
    String table = BaselineFormat.TABLE.render(COMPARISON);
    assertThat(table).contains("+10.0% [+8.0%, +12.0%]", "regressed", "missing (not in the baseline)",
        "1 regressed, 0 improved, 0 unchanged, 1 missing (threshold 5 %, p < 0.01: Welch t across forks where both"
            + " runs have them, else Mann-Whitney)");
    assertThat(table.lines().map(String::length).distinct().count()).isGreaterThan(0);
    String markdown = BaselineFormat.MARKDOWN.render(COMPARISON);
    assertThat(markdown).startsWith("| config | metric |").contains("| gpt2 onnx b1 p8 o10 | e2e (ms) | 10.000 |");
  }

  @Test
  void jsonCarriesRowsAndTheRegressionFlag() throws Exception {
    JsonNode doc = Json.mapper().readTree(BaselineFormat.byName("json").render(COMPARISON));
    assertThat(doc.get("regressed").asBoolean()).isTrue();
    assertThat(doc.get("rows")).hasSize(2);
    assertThat(doc.get("rows").get(0).get("verdict").asText()).isEqualTo("regressed");
    assertThat(doc.get("rows").get(0).get("change_pct").asDouble()).isBetween(9.99, 10.01);
  }
}
