package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.inferbench.InferBench;
import org.inferbench.report.Report;
import org.inferbench.report.table.TableLayout;
import org.inferbench.results.Json;
import org.inferbench.results.ResultRecord;
import org.inferbench.testing.TimingRetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Tables fit a terminal: by default the run table keeps to 120 columns (the tails with --wide), a terminal narrower
 * than the table gets one block per row instead of wrapped lines, "every row:" names only settings that differ from
 * the engine's defaults, and the report's labels name only what tells its configurations apart.
 */
final class TablesFitTest {
  private static List<ResultRecord> records;

  /** Twelve real calibration configurations: two models, three step costs, two prompts, noise not at its default. */
  @BeforeAll
  static void measure() throws Exception {
    records = InferBench.workload().model("decoder", "other").engine("calibration")
        .engineOpt("step-us", "200", "400", "800").engineOpt("prefill-us-per-token", "5").engineOpt("jitter", "0.01")
        .prompt(16, 32).output(4).warmup(1).runs(10).run();
  }

  @AfterEach
  void detect() {
    TableLayout.use(false);
  }

  @Test
  void theRunTableFits120ColumnsAndTurnsVerticalAt80() {
    String at120 = SummaryTable.render(records, new TableLayout(120, false));
    assertThat(at120).contains("┌", "TTFT p50 (ms)", "E2E p50 (ms)",
        "more columns with --wide (or --format json|csv): E2E p95/p99 (ms)");
    assertThat(at120.lines().filter(l -> l.startsWith("│ model")).findFirst().orElseThrow())
        .doesNotContain("E2E p95/p99 (ms)");
    assertThat(at120.lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(120));

    String at80 = SummaryTable.render(records, new TableLayout(80, false));
    assertThat(at80).doesNotContain("┌", "│").contains("── 1 of 12", "── 12 of 12", "TTFT p50 (ms)");
    assertThat(at80.lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));

    String wide = SummaryTable.render(records, new TableLayout(0, true));
    assertThat(wide).contains("┌", "E2E p95/p99 (ms)", "TTFT p95 (ms)").doesNotContain("more columns");
  }

  @Test
  void everyRowNamesOnlySettingsThatDifferFromTheEngineDefaults() {
    String every = SummaryTable.render(records, new TableLayout(0, true)).lines()
        .filter(l -> l.startsWith("every row: ")).findFirst().orElseThrow();
    // given and not the default: named; left at the default (shape, vocab-size, eos-after ...): only in the record
    assertThat(every).contains("prefill-us-per-token=5", "jitter=0.01", "output 4")
        .doesNotContain("shape", "vocab-size", "eos-after", "max-positions", "context-us-per-token");
    assertThat(records.get(0).workload().engineSettings()).containsKeys("shape", "vocab-size", "eos-after");
  }

  @Test
  void theReportsTablesFitAt120AndAt80() throws Exception {
    for (int width : new int[] {80, 120}) {
      TableLayout.use(new TableLayout(width, false));
      String text = printed(records);
      List<String> tableLines = text.lines().filter(l -> l.matches("^[┌│├└].*")).toList();
      assertThat(tableLines).as("width " + width).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(width));
      if (width == 80) assertThat(text).contains("── 1 of ");
    }
  }

  /**
   * Records of two engines, one with settings the other lacks: a finding names the engine and the one setting its
   * arms differ in, never the settings every configuration of an engine shares. Timed: the arms must differ
   * significantly (2× apart in their decode cost), so a preempted run is retried.
   */
  @Test
  @Tag("timing")
  void labelsNameOnlyWhatDiffersAmongTheirConfigurations() throws Exception {
    TimingRetry.retry("labelsNameOnlyWhatDiffersAmongTheirConfigurations", () -> {
      List<ResultRecord> measured = InferBench.workload().model("other").engine("calibration")
          .engineOpt("step-us", "3000", "6000", "12000").engineOpt("prefill-us-per-token", "5")
          .engineOpt("jitter", "0.01").prompt(16, 32).output(4).warmup(1).runs(10).run();
      List<ResultRecord> mixed = new ArrayList<>();
      for (ResultRecord r : measured) {
        ObjectNode n = Json.mapper().valueToTree(r);
        ObjectNode w = (ObjectNode) n.get("workload");
        if (r.workload().engineSettings().get("step-us").equals("12000")) {
          // another engine's record: none of this engine's settings, and another config_key
          w.put("engine", "elsewhere");
          ((ObjectNode) w.get("engine_settings")).removeAll();
          ((ObjectNode) w.get("engine_settings")).put("only-here", "1");
          n.put("config_key", r.configKey() + "-elsewhere");
        }
        mixed.add(Json.mapper().treeToValue(n, ResultRecord.class));
      }
      TableLayout.use(new TableLayout(0, true));
      String text = printed(mixed);
      String findings = text.substring(text.indexOf("Findings"), text.indexOf("Results per configuration"));
      assertThat(findings).containsPattern("other calibration p(16|32): step-us=3000 answers [0-9.]+× faster than step-us=6000 \\[")
          .doesNotContain("jitter", "prefill-us-per-token", "vocab-size", "differing only");
      // at most one line that is not a leading finding
      assertThat(findings.lines().filter(l -> l.contains("A/B comparisons"))).hasSizeLessThanOrEqualTo(1);
    });
  }

  private static String printed(List<ResultRecord> rs) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Report.printTerminal(Report.analyse(rs, List.of(), null, false),
        new PrintStream(buf, true, StandardCharsets.UTF_8));
    return buf.toString(StandardCharsets.UTF_8);
  }
}
