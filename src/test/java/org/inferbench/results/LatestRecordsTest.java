package org.inferbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The latest record per config_key is the one with the latest instant, file order breaking ties; the rest is history. */
final class LatestRecordsTest {
  private static ResultRecord at(long seed, String timestamp) {
    return Fixtures.ok(seed, "m", 1, timestamp, Map.of("threads", "2"));
  }

  @Test
  void latestByInstantThenFileOrder() {
    ResultRecord old = at(1, "2026-01-02T10:00:00Z");
    // later instant written with fewer fraction digits: text order would get this wrong
    ResultRecord newest = at(2, "2026-01-02T10:00:01Z");
    ResultRecord middle = at(3, "2026-01-02T10:00:00.500Z");
    ResultRecord tieLater = at(4, "2026-01-02T10:00:01Z");
    ResultRecord other = Fixtures.failed("x", "2026-01-01T00:00:00Z", "boom");

    LatestRecords l = LatestRecords.byConfigKey(List.of(old, newest, other, middle, tieLater));
    assertThat(l.latest()).containsOnlyKeys(old.configKey(), other.configKey());
    assertThat(l.latest().get(old.configKey()).runId()).isEqualTo("run-4");
    assertThat(l.historyOf(old.configKey())).extracting(ResultRecord::runId)
        .containsExactly("run-1", "run-3", "run-2");
    assertThat(l.historyOf(other.configKey())).isEmpty();
    assertThat(l.latestList()).extracting(ResultRecord::runId).containsExactly("run-4", "run-failed");
  }
}
