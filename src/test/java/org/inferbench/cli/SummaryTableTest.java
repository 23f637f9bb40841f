package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.junit.jupiter.api.Test;

/** The run table reads a serving run's TTFT and TPOT at p99, where its SLOs are judged; other runs keep p95. */
final class SummaryTableTest {
  static final Path V3 = Path.of("src", "test", "resources", "compat", "results-v3.jsonl");

  @Test
  void aServingRunShowsTheTailItsObjectivesAreReadAt() throws Exception {
    List<ResultRecord> all = ResultStore.read(V3).records();
    List<ResultRecord> served = all.stream().filter(r -> r.workload().load() != null).toList();
    List<ResultRecord> inProcess = all.stream().filter(r -> r.workload().load() == null).toList();
    assertThat(served).isNotEmpty();
    assertThat(inProcess).isNotEmpty();
    ResultRecord s = served.get(0);
    String table = SummaryTable.render(served);
    assertThat(table).contains("TTFT p50/p99 (ms)", "TPOT p50/p99 (ms)", "req/s")
        .contains(SummaryTable.f(s.stats(org.inferbench.results.Metric.TTFT).p99()))
        .contains(SummaryTable.f(s.stats(org.inferbench.results.Metric.TPOT).p99()));
    assertThat(SummaryTable.render(inProcess)).contains("TTFT p50 (ms)", "TPOT p50 (ms)")
        .doesNotContain("p50/p99 (ms)");
  }
}
