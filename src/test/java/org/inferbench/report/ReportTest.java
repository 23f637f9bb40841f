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
        "plots/throughput_latency.png", "plots/trend_1.png", "plots/latency_encoder_latency.svg")) {
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
    assertThat(json.get("scaling").size()).isGreaterThan(0);
    String csv = Files.readString(dir.resolve("tables/configurations.csv"));
    assertThat(csv.lines().count()).isEqualTo(out.model().set().current().size() + 1);
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
