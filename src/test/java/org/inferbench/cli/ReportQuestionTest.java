package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.inferbench.InferBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --question}: the question heads the terminal output, report.html and summary.json, and the
 * findings come before the first table.
 */
final class ReportQuestionTest {
  private static final String QUESTION = "How does q scale with prompt length?";

  @Test
  void theQuestionAndFindingsLeadEveryOutput(@TempDir Path dir) throws Exception {
    Path results = dir.resolve("results.jsonl");
    InferBench.workload().model("q").engine("calibration").engineOpt("prefill-us-per-token", "5")
        .engineOpt("step-us", "100").prompt(16, 32, 64, 128).output(2).warmup(0).runs(3).resultsFile(results).run();

    CliRun r = CliRun.of("report", results.toString(), "--out", dir.resolve("out").toString(), "--question",
        QUESTION);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith(QUESTION + "\n");
    int findings = r.out().indexOf("Findings\n  - q");
    assertThat(findings).isPositive().isLessThan(r.out().indexOf("┌"));
    assertThat(Files.readString(dir.resolve("out/report.html"))).contains("<h1 id=\"question\">" + QUESTION + "</h1>");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
    assertThat(json.get("question").asText()).isEqualTo(QUESTION);
    // what the finding says depends on how quiet the machine was (FindingsCalibrationTest holds its content)
    assertThat(json.get("findings").get("scaling").get(0).asText()).startsWith("q: e2e ");
  }
}
