package org.inferbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.inferbench.report.html.Html;
import org.inferbench.results.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full report writes every promised file, escapes strings from results and computes the comparisons right. */
final class ReportTest {
  private static final String EVIL = "<script>alert('x')</script>";

  @Test
  void writesTablesPlotsJsonAndAnEscapedSelfContainedPage(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream term = new ByteArrayOutputStream();
    Report.Output out = Report.build(Fixtures.fullSet(EVIL), List.of(), dir,
        new PrintStream(term, true, StandardCharsets.UTF_8));
    String text = term.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("┌", "│ tiny-gpt", "failed: out of memory at prompt 2048",
        "n/a: prompt longer than max positions 512", "Rankings", "KV-cache comparisons", "Scaling with prompt");

    for (String f : List.of("report.html", "summary.json", "tables/configurations.csv", "tables/rankings.csv",
        "tables/kv_cache.csv", "tables/scaling.csv", "plots/latency_ttft.png", "plots/latency_ttft.svg",
        "plots/latency_e2e.png", "plots/kv_cache.png", "plots/kv_cache.svg", "plots/itl_cdf.png",
        "plots/throughput_latency.png", "plots/trend_1.png", "plots/latency_encoder_latency.svg",
        "tables/roofline.csv", "tables/energy.csv")) {
      assertThat(dir.resolve(f)).as(f).isRegularFile();
      assertThat(Files.size(dir.resolve(f))).as(f).isGreaterThan(200);
    }
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).doesNotContain(EVIL).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assertThat(html).doesNotContainIgnoringCase("<link").doesNotContain("src=\"http").doesNotContain("href=\"http")
        .doesNotContain("<img");
    assertThat(html.split("<script>", -1)).as("only the report's own script").hasSize(2);
    assertThat(html).contains("<svg", "id=\"plot-kv_cache\"", "Test CPU A @ 3.0GHz");
    // no SVG markup or JSON comes through unescaped from the model name either
    for (String svg : List.of("plots/latency_ttft.svg", "plots/itl_cdf.svg")) {
      assertThat(Files.readString(dir.resolve(svg))).doesNotContain(EVIL);
    }

    JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(json.get("tables")).hasSize(out.model().tables().size());
    assertThat(text).contains("Roofline", "near its roof", "overhead-bound", "Energy over the measured requests",
        "no energy for 8 configuration(s): " + Fixtures.NO_RAPL);
    assertThat(html).contains("id=\"table-roofline\"", "id=\"table-energy\"",
        Html.escape("no energy for 8 configuration(s): " + Fixtures.NO_RAPL));
    JsonNode roofline = table(json, "roofline");
    assertThat(roofline.get("rows")).hasSize(out.model().table("roofline").rows().size());
    JsonNode prefill = null;
    for (JsonNode r : roofline.get("rows")) {
      if (prefill == null && r.get("phase").asText().equals("prefill")) prefill = r;
    }
    assertThat(prefill.get("configuration").asText()).startsWith("tiny-gpt b1 p32 ");
    assertThat(prefill.get("verdict").asText()).isEqualTo("overhead-bound");
    assertThat(prefill.get("MFU/MBU (%)").asDouble()).isEqualTo(32 / 2048.0 * 100);
    assertThat(table(json, "energy").get("notes").toString()).contains(Fixtures.NO_RAPL);
    String energyCsv = Files.readString(dir.resolve("tables/energy.csv"));
    assertThat(energyCsv.lines().findFirst().orElseThrow())
        .isEqualTo("configuration,J/request,J/token,average W,source");
    // 12 J per prompt token over 24 requests of batch 1 × 16 output tokens, in 2 s per 128 prompt tokens
    assertThat(energyCsv).contains("tiny-gpt b1 p128 o16,64,4,768,rapl");
    assertThat(json.get("scaling").size()).isGreaterThan(0);
    String csv = Files.readString(dir.resolve("tables/configurations.csv"));
    assertThat(csv.lines().count()).isEqualTo(out.model().set().current().size() + 1);
  }

  private static JsonNode table(JsonNode summary, String id) {
    for (JsonNode t : summary.get("tables")) {
      if (t.get("id").asText().equals(id)) return t;
    }
    throw new AssertionError("summary.json has no table " + id);
  }

  @Test
  void rooflineTableShowsEachPhaseWithItsVerdictAndCeiling() {
    ReportModel m = Report.analyse(Fixtures.fullSet("other"), List.of(), false);
    ReportTable t = m.table("roofline");
    assertThat(t.headers()).containsExactly("configuration", "phase", "metric", "MFU/MBU (%)", "verdict",
        "measured p50 (ms)", "ceiling at 100 % (ms)");
    // six tiny-gpt lengths × (prefill, decode) and three encoder lengths; the rest have none
    assertThat(t.rows()).hasSize(6 * 2 + 3);
    ConfigResult longest = m.set().currentOk().stream()
        .filter(c -> c.model().equals("tiny-gpt") && c.workload().prompt() == 1024).findFirst().orElseThrow();
    String label = longest.label(m.set().varying());
    List<List<Cell>> rows = t.rows().stream().filter(r -> r.get(0).text().equals(label)).toList();
    assertThat(rows).extracting(r -> r.get(1).text()).containsExactly("prefill", "decode");
    List<Cell> prefill = rows.get(0);
    assertThat(prefill.get(2).text()).isEqualTo("MFU");
    assertThat(prefill.get(3).value()).isCloseTo(50.0, within(1e-9));
    assertThat(prefill.get(4).text()).isEqualTo("near its roof");
    double ttft = longest.p50(Metric.TTFT);
    assertThat(prefill.get(5).value()).isEqualTo(ttft);
    assertThat(prefill.get(6).value()).isCloseTo(ttft * 0.5, within(1e-12));
    List<Cell> decode = rows.get(1);
    assertThat(decode.get(2).text()).isEqualTo("MBU");
    assertThat(decode.get(3).value()).isCloseTo(60.0, within(1e-9));
    assertThat(decode.get(5).value()).isEqualTo(longest.p50(Metric.TPOT));
    assertThat(t.rows()).filteredOn(r -> r.get(0).text().startsWith("tiny-gpt") && r.get(1).text().equals("prefill")
        && r.get(3).value() < 50).hasSize(5).allMatch(r -> r.get(4).text().equals("overhead-bound"));
    assertThat(t.rows()).filteredOn(r -> r.get(1).text().equals("encoder")).hasSize(3)
        .allMatch(r -> r.get(2).text().equals("MFU") && r.get(4).text().equals("overhead-bound"));
    assertThat(t.notes()).contains("no roofline for engine calibration (8 configuration(s)): it exposes no model "
        + "config to count the work from, or no machine probe was available");
    assertThat(t.notes()).anyMatch(n -> n.startsWith("MBU (decode) = (bytes of weights + bytes of KV cache"))
        .anyMatch(n -> n.startsWith("MFU (prefill, encoder) = FLOPs of the forward pass"))
        .anyMatch(n -> n.contains("probe of each machine"));
  }

  @Test
  void energyTableShowsJoulesPerRequestAndTokenAndSaysWhyTheRestHaveNone() {
    ReportModel m = Report.analyse(Fixtures.fullSet("other"), List.of(), false);
    ReportTable t = m.table("energy");
    assertThat(t.headers()).containsExactly("configuration", "J/request", "J/token", "average W", "source");
    assertThat(t.rows()).hasSize(6 + 3);
    for (ConfigResult c : m.set().currentOk()) {
      List<Cell> row = t.rows().stream().filter(r -> r.get(0).text().equals(c.label(m.set().varying())))
          .findFirst().orElse(null);
      int p = c.workload().prompt();
      switch (c.model()) {
        case "tiny-gpt" -> {
          if (c.kvCache() != null) {
            assertThat(row).as("kv pair records no energy").isNull();
            continue;
          }
          assertThat(row.get(1).value()).isCloseTo(12.0 * p / Fixtures.RUNS, within(1e-9));
          assertThat(row.get(2).value()).isCloseTo(12.0 * p / (Fixtures.RUNS * 16), within(1e-9));
          assertThat(row.get(3).value()).isCloseTo(12.0 * p / (2.0 * p / 128), within(1e-9));
          assertThat(row.get(4).text()).isEqualTo("rapl");
        }
        case "tiny-bert" -> {
          assertThat(row.get(1).value()).isCloseTo(3.0 * p / Fixtures.RUNS, within(1e-9));
          // an encoder generates no token: no joules per token
          assertThat(row.get(2)).isEqualTo(Cell.EMPTY);
          assertThat(row.get(3).value()).isCloseTo(3.0 * p / 1.5, within(1e-9));
          assertThat(row.get(4).text()).isEqualTo("nvidia-smi power.draw (unverified)");
        }
        default -> assertThat(row).as(c.model()).isNull();
      }
    }
    // eight configurations share one reason: said once, with their count
    assertThat(t.notes()).filteredOn(n -> n.contains(Fixtures.NO_RAPL))
        .containsExactly("no energy for 8 configuration(s): " + Fixtures.NO_RAPL);
    assertThat(t.notes()).anyMatch(n -> n.startsWith("(unverified)"));
  }

  @Test
  void kvCacheSpeedupMatchesTheSlowerStepWithAnIntervalAroundIt() {
    ReportModel m = Report.analyse(Fixtures.fullSet("other"), List.of(), false);
    List<Comparisons.KvPair> pairs = Comparisons.kvPairs(m.set());
    assertThat(pairs).hasSize(1);
    Comparisons.KvPair p = pairs.get(0);
    // the fixture's off arm takes 3× as long per step, so decode tokens/s is 3× higher with the cache
    assertThat(p.speedup()).isCloseTo(3.0, within(0.05));
    assertThat(p.speedupLow()).isLessThan(p.speedup());
    assertThat(p.speedupHigh()).isGreaterThan(p.speedup());
    assertThat(p.speedupHigh() - p.speedupLow()).isLessThan(0.2);
    // off holds half the cache memory: peak increment 0.5× of on
    double expected = (1 - p.off().peakMb() / p.on().peakMb()) * 100;
    assertThat(p.memoryReduction()).isCloseTo(expected, within(1e-9)).isPositive();
    assertThat(m.table("kv_cache").notes()).anyMatch(n -> n.contains("at least two runs"));
  }

  @Test
  void latestRecordIsCurrentAndOlderOnesFeedTheTrend() {
    ReportModel m = Report.analyse(Fixtures.fullSet("other"), List.of(), false);
    ReportTable trends = m.table("trends");
    assertThat(trends.rows()).hasSize(1);
    assertThat(trends.rows().get(0).get(1).value()).isEqualTo(3.0);
    ConfigResult current = m.set().current().stream()
        .filter(c -> c.model().equals("tiny-gpt") && c.workload().prompt() == 256 && c.kvCache() == null)
        .findFirst().orElseThrow();
    assertThat(current.record().timestamp()).isEqualTo("2026-11-20T10:00:00Z");
  }

  @Test
  void modelComparisonAndRankingsFollowTheCosts() {
    ReportModel m = Report.analyse(Fixtures.fullSet("slow-gpt"), List.of(), false);
    ReportTable models = m.table("model_comparison");
    List<Cell> row = models.rows().stream().filter(r -> r.get(1).text().equals("slow-gpt")).findFirst()
        .orElseThrow();
    // slow-gpt's prefill costs more per token, so tiny-gpt (B) is faster: speedup of A over B below 1
    assertThat(row.get(2).text()).isEqualTo("tiny-gpt");
    assertThat(row.get(5).value()).isLessThan(1.0);
    ReportTable ranks = m.table("rankings");
    List<Cell> fastest = ranks.rows().stream().filter(r -> r.get(1).text().equals("fastest")).findFirst()
        .orElseThrow();
    assertThat(fastest.get(3).text()).startsWith("tiny-bert");
    ConfigResult any = m.set().currentOk().get(0);
    assertThat(any.latencyPerTokenMs()).isCloseTo(any.mean(any.headline()) / any.tokensPerRequest(),
        within(1e-12));
    assertThat(any.mean(Metric.TTFT)).isFinite();
  }
}
