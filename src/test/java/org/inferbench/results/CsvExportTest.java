package org.inferbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV parses back (RFC 4180) to one row per record with the record's values under stable column names. */
final class CsvExportTest {
  @Test
  void rowsParseBackToTheRecordValues() throws Exception {
    List<ResultRecord> records = Fixtures.seeded();
    StringWriter out = new StringWriter();
    CsvExport.write(records, out);
    List<Map<String, String>> rows;
    try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(out.toString())) {
      rows = it.readAll();
    }
    assertThat(rows).hasSize(3);
    Map<String, String> ok = rows.get(0);
    MetricStats ttft = records.get(0).stats(Metric.TTFT);
    assertThat(ok.get("config_key")).isEqualTo(records.get(0).configKey());
    assertThat(ok.get("engine.threads")).isEqualTo("2");
    assertThat(ok.get("engine.intra_op")).isEmpty();
    assertThat(Double.parseDouble(ok.get("ttft_p50"))).isEqualTo(ttft.p50());
    assertThat(Double.parseDouble(ok.get("ttft_mean_ci_low"))).isEqualTo(ttft.meanCiLow());
    assertThat(ok.get("ttft_unit")).isEqualTo("ms");
    assertThat(ok.get("tracker.gc_count")).isEqualTo("3");
    assertThat(ok.get("notes")).isEqualTo("seeded, \"quoted\" note");
    Map<String, String> failed = rows.get(2);
    assertThat(failed.get("status")).isEqualTo("failed");
    assertThat(failed.get("reason")).isEqualTo("OOM while loading, see\nlog");
    assertThat(failed.get("ttft_p50")).isEmpty();
  }

  @Test
  void columnsAreStableAndOrdered() {
    List<String> columns = CsvExport.columns(Fixtures.seeded());
    assertThat(columns).startsWith("schema_version", "config_key", "env_fingerprint", "run_id", "timestamp",
        "status", "reason", "model");
    assertThat(columns).containsSubsequence("engine", "engine.graph_opt", "engine.intra_op", "engine.threads",
        "shape");
    assertThat(columns).containsSubsequence("ttft_unit", "ttft_count", "ttft_mean", "ttft_p99", "ttft_p50_ci_high",
        "tpot_unit", "e2e_unit", "tracker.peak_rss_mb", "flags", "notes");
    assertThat(columns).doesNotHaveDuplicates().doesNotContain("samples", "env.cpu_flags");
    assertThat(CsvExport.columns(List.copyOf(Fixtures.seeded()).reversed())).isEqualTo(columns);
  }

  @Test
  void emptyExportIsJustTheHeader() throws Exception {
    StringWriter out = new StringWriter();
    CsvExport.write(List.of(), out);
    assertThat(out.toString()).startsWith("schema_version,config_key,")
        .endsWith("notes,levels.method,levels.forks,levels.rounds,levels.request_fork,levels.request_round,"
            + "levels.failed_forks\r\n");
    assertThat(out.toString().split("\r\n")).hasSize(1);
  }
}
