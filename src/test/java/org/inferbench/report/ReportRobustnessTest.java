package org.inferbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.inferbench.results.Json;
import org.inferbench.results.LineError;
import org.inferbench.results.LoadedResults;
import org.inferbench.results.ResultStore;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Awkward inputs still give a full report that says what it cannot compute instead of failing. */
final class ReportRobustnessTest {
  private static String run(List<ResultRecord> records, List<String> warnings, Path dir) throws Exception {
    ByteArrayOutputStream term = new ByteArrayOutputStream();
    Report.build(records, warnings, dir, new PrintStream(term, true, StandardCharsets.UTF_8));
    assertThat(dir.resolve("report.html")).isRegularFile();
    assertThat(dir.resolve("summary.json")).isRegularFile();
    assertThat(dir.resolve("tables/configurations.csv")).isRegularFile();
    return term.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aCorruptLineIsReportedAndTheRestIsUsed(@TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int p : new int[] {64, 128, 256, 512}) {
      lines.add(Json.mapper().writeValueAsString(Fixtures.record(Fixtures.decoder("gpt").prompt(p))));
    }
    lines.add(2, "{\"schema_version\": 1, \"config_key\": \"abc\", truncated");
    Path file = dir.resolve("results.jsonl");
    Files.write(file, lines);
    LoadedResults loaded = ResultStore.read(file);
    List<ResultRecord> records = loaded.records();
    List<String> warnings = loaded.errors().stream().map(LineError::toString).toList();
    assertThat(records).hasSize(4);
    String text = run(records, warnings, dir.resolve("out"));
    assertThat(warnings).singleElement().asString().contains("results.jsonl:3: not JSON");
    assertThat(text).contains("warning: " + warnings.get(0));
    assertThat(Files.readString(dir.resolve("out/report.html"))).contains("results.jsonl:3: not JSON");
    assertThat(dir.resolve("out/plots/latency_ttft.svg")).isRegularFile();
  }

  @Test
  void aSingleConfigurationSaysWhatItCannotRankOrFit(@TempDir Path dir) throws Exception {
    String text = run(List.of(Fixtures.record(Fixtures.decoder("solo"))), List.of(), dir);
    assertThat(text).contains("rankings need at least two", "one prompt length (128): no scaling fit",
        "only one model measured", "no KV-cache comparison", "every configuration was measured once");
    assertThat(dir.resolve("plots/itl_cdf.png")).isRegularFile();
    assertThat(dir.resolve("plots/latency_ttft.png")).doesNotExist();
  }

  @Test
  void onlyFailedAndNotApplicableCellsShowTheirReasons(@TempDir Path dir) throws Exception {
    List<ResultRecord> records = List.of(
        Fixtures.failed(Fixtures.decoder("gpt"), Status.FAILED, "engine crashed: SIGSEGV"),
        Fixtures.failed(Fixtures.encoder("bert"), Status.NOT_APPLICABLE, "encoder has no TTFT"));
    String text = run(records, List.of(), dir);
    assertThat(text).contains("failed: engine crashed: SIGSEGV", "n/a: encoder has no TTFT",
        "no configuration was measured (all failed or n/a)", "no measured configuration: nothing to compute");
    assertThat(Files.readString(dir.resolve("report.html"))).contains("No plot");
    assertThat(dir.resolve("plots")).doesNotExist();
  }

  @Test
  void onlyEncodersHaveNoDecoderColumnsOrComparisons(@TempDir Path dir) throws Exception {
    List<ResultRecord> records = new ArrayList<>();
    for (int p : new int[] {32, 64, 128, 256}) {
      records.add(Fixtures.record(Fixtures.encoder("bert-a").prompt(p)));
      records.add(Fixtures.record(Fixtures.encoder("bert-b").costs(0.03, 2e-5).prompt(p)));
    }
    String text = run(records, List.of(), dir);
    ReportModel m = Report.analyse(records, List.of(), false);
    assertThat(m.table("configurations").headers()).contains("forward p50 (ms)").doesNotContain("TTFT p50 (ms)");
    assertThat(m.table("model_comparison").rows()).hasSize(1);
    assertThat(m.table("scaling").rows()).hasSize(2).allMatch(r -> r.get(2).text().equals("encoder_latency"));
    assertThat(text).contains("no decoder measured", "no KV-cache comparison");
    assertThat(dir.resolve("plots/latency_encoder_latency.png")).isRegularFile();
    assertThat(dir.resolve("plots/itl_cdf.png")).doesNotExist();
  }

  @Test
  void twoMachinesAreNeverComparedWithoutSayingSo(@TempDir Path dir) throws Exception {
    List<ResultRecord> records = new ArrayList<>();
    for (String machine : List.of(Fixtures.MACHINE_A, Fixtures.MACHINE_B)) {
      records.add(Fixtures.record(Fixtures.decoder("gpt").on(machine)));
      records.add(Fixtures.record(Fixtures.decoder("gpt2").costs(0.1, 0).on(machine)));
    }
    String text = run(records, List.of(), dir);
    ReportModel m = Report.analyse(records, List.of(), false);
    // the same config_key on two machines is two configurations, not one history
    assertThat(m.set().current()).hasSize(4);
    assertThat(m.table("trends").rows()).isEmpty();
    assertThat(m.table("configurations").headers()).contains("machine");
    assertThat(m.table("model_comparison").rows()).hasSize(2)
        .allSatisfy(r -> assertThat(r.get(1).text()).isEqualTo("gpt"));
    assertThat(text).contains("results from 2 machines");
    assertThat(Files.readString(dir.resolve("report.html"))).contains("id=\"machines-warning\"");
  }

  @Test
  void noisyConfigurationsSayWhatTheEnvironmentSuggests() {
    ResultRecord noisy = Fixtures.record(Fixtures.decoder("gpt").jitter(0.5));
    ResultRecord withGovernor = new ResultRecord(noisy.schemaVersion(), noisy.configKey(), noisy.envFingerprint(),
        noisy.runId(), noisy.timestamp(), noisy.status(), noisy.reason(), noisy.workload(),
        new org.inferbench.results.EnvironmentRecord("cpu", 2, List.of(), 1000, "Linux", "6", "25", "0.1", null,
            "calibration", "1", java.util.Map.of(), "powersave", java.util.Map.of("load_average_1m", "3.9")),
        noisy.metrics(), noisy.samples(), noisy.requestTokens(), noisy.trackers(), noisy.flags(), noisy.notes());
    assertThat(withGovernor.flags()).contains("noisy");
    ReportModel m = Report.analyse(List.of(withGovernor), List.of(), false);
    assertThat(m.table("configurations").notes()).anyMatch(n -> n.startsWith("noisy: gpt")
        && n.contains("CPU governor powersave") && n.contains("load_average_1m 3.9"));
  }

  @Test
  void noRecordsAtAll(@TempDir Path dir) throws Exception {
    String text = run(List.of(), List.of(), dir);
    assertThat(text).contains("no result records: nothing to report", "no roofline: no measured configuration",
        "no energy: no measured configuration");
  }

  @Test
  void withoutCountersOrProbeTheTablesSayWhyOncePerReason(@TempDir Path dir) throws Exception {
    String denied = "no RAPL access: /sys/class/powercap/intel-rapl:0/energy_uj: permission denied";
    List<ResultRecord> records = List.of(
        Fixtures.withTrackers(Fixtures.record(Fixtures.decoder("gpt").prompt(64)), Map.of(),
            Map.of("energy", denied)),
        Fixtures.withTrackers(Fixtures.record(Fixtures.decoder("gpt").prompt(128)), Map.of(),
            Map.of("energy", denied)),
        Fixtures.withTrackers(Fixtures.record(Fixtures.decoder("gpt").prompt(256)),
            Map.of("roofline", Map.of("note", "tpot: not measured")), Map.of("energy", "no energy counter found")),
        Fixtures.record(Fixtures.encoder("bert")));
    String text = run(records, List.of(), dir);
    ReportModel m = Report.analyse(records, List.of(), false);
    ReportTable energy = m.table("energy");
    assertThat(energy.rows()).isEmpty();
    assertThat(energy.notes()).containsExactlyInAnyOrder("no energy for 2 configuration(s): " + denied,
        "no energy for 1 configuration(s): no energy counter found",
        "no energy for 1 configuration(s): " + EnergyTable.NO_REASON);
    ReportTable roofline = m.table("roofline");
    assertThat(roofline.rows()).isEmpty();
    assertThat(roofline.notes()).containsExactly(
        "no roofline for engine calibration (3 configuration(s)): it exposes no model config to count the work "
            + "from, or no machine probe was available",
        "gpt b1 p256 o16: roofline not computed: tpot: not measured");
    assertThat(text).contains("no energy for 2 configuration(s): " + denied, "roofline not computed");
    assertThat(Files.readString(dir.resolve("tables/energy.csv")))
        .isEqualTo("configuration,J/request,J/token,average W,source\r\n");
    assertThat(Files.readString(dir.resolve("report.html"))).contains("permission denied", "tpot: not measured");
  }

  @Test
  void rooflineAndEnergyReadBackFromTheResultsFile(@TempDir Path dir) throws Exception {
    ResultRecord r = Fixtures.record(Fixtures.decoder("gpt"));
    Map<String, Object> extra = new java.util.LinkedHashMap<>(Fixtures.roofline(r, 0.25, 0.75));
    extra.putAll(Fixtures.energy(r, 96.0, 4.0, "rapl"));
    ResultRecord annotated = Fixtures.withTrackers(r, extra, Map.of());
    Path file = dir.resolve("results.jsonl");
    Files.writeString(file, Json.mapper().writeValueAsString(annotated) + "\n");
    List<ResultRecord> read = ResultStore.read(file).records();
    ReportModel m = Report.analyse(read, List.of(), false);
    // what JSON gives back (maps, doubles) reads the same as what the run built
    assertThat(m.table("roofline").rows()).isEqualTo(Report.analyse(List.of(annotated), List.of(), false)
        .table("roofline").rows());
    assertThat(m.table("roofline").rows()).extracting(row -> row.get(4).text())
        .containsExactly("overhead-bound", "near its roof");
    List<Cell> e = m.table("energy").rows().get(0);
    assertThat(e.get(1).value()).isEqualTo(4.0);
    assertThat(e.get(2).value()).isEqualTo(96.0 / (Fixtures.RUNS * 16));
    assertThat(e.get(3).value()).isEqualTo(24.0);
  }
}
