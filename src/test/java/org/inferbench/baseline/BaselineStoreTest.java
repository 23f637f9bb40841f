package org.inferbench.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.inferbench.baseline.TestRecords.record;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved baseline holds the latest measured record of each config_key and reads back unchanged. */
final class BaselineStoreTest {
  @TempDir Path dir;

  @Test
  void savesTheLatestOkRecordPerKeyAndReadsItBack() throws Exception {
    BaselineStore store = new BaselineStore(dir.resolve("baselines"));
    List<ResultRecord> results = List.of(
        record("a", "env", "2026-01-01T00:00:00Z", Metric.E2E, new double[] {1, 2, 3}),
        record("a", "env", "2026-01-02T00:00:00Z", Metric.E2E, new double[] {4, 5, 6}),
        record("a", "env", "2026-01-03T00:00:00Z", Metric.E2E, new double[0], Status.FAILED),
        record("b", "env", "2026-01-01T00:00:00Z", Metric.TTFT, new double[] {7}));
    Path file = store.save("main", results);
    assertThat(file).isEqualTo(dir.resolve("baselines/main.jsonl"));
    assertThat(Files.readAllLines(file)).hasSize(2);
    List<ResultRecord> loaded = store.load("main");
    assertThat(loaded).extracting(ResultRecord::configKey).containsExactly("a", "b");
    assertThat(loaded.get(0).samples(Metric.E2E)).containsExactly(4, 5, 6);
    assertThat(loaded.get(1).headline()).isEqualTo(Metric.TTFT);
    assertThat(store.names()).containsExactly("main");
  }

  @Test
  void badNamesAndMissingBaselinesSayWhat() throws Exception {
    BaselineStore store = new BaselineStore(dir.resolve("baselines"));
    assertThatThrownBy(() -> store.save("../x", List.of()))
        .hasMessage("baseline name: expected letters, digits, '.', '_' or '-' (not first), got '../x'");
    assertThatThrownBy(() -> store.load("nope")).hasMessageStartingWith("baseline 'nope': no file ")
        .hasMessageEndingWith("(saved: none)");
    Files.createDirectories(store.directory());
    Files.writeString(store.path("broken"), "{\"config_key\": 3, \"oops\": true}\n");
    assertThatThrownBy(() -> store.load("broken")).hasMessageContaining("broken.jsonl line 1: ").hasMessageNotContaining("\n");
  }
}
