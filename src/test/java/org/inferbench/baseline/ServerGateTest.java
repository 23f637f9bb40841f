package org.inferbench.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.inferbench.baseline.TestRecords.served;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * For a served configuration the machine that matters is the server: the gate refuses a pair measured against
 * another server version or endpoint, as it refuses another machine, and the same allow flag lets it compare. The
 * env_fingerprint of these records is the client's and matches throughout.
 */
final class ServerGateTest {
  private static final double[] SAMPLES = {10, 10.1, 10.2, 9.9, 10, 10.1, 9.8, 10, 10.2, 10};
  private static final String HERE = "http://127.0.0.1:8000/v1";

  @Test
  void anotherServerVersionIsRefusedUnlessAllowed() {
    var base = List.of(served("k", HERE, "0.6.1", "2026-01-01T00:00:00Z", SAMPLES));
    var now = List.of(served("k", HERE, "0.6.3", "2026-01-02T00:00:00Z", SAMPLES));
    assertThatThrownBy(() -> BaselineCheck.check(base, now, 5, false))
        .isInstanceOf(EnvMismatchException.class)
        .isInstanceOf(ServerMismatchException.class)
        .hasMessage("server.version: baseline measured against 0.6.1, this run against 0.6.3 (config model-k openai"
            + " b1 p8 o10 endpoint=" + HERE + " c4); allow the mismatch to compare anyway");
    var allowed = BaselineCheck.check(base, now, 5, true);
    assertThat(allowed.rows()).singleElement().extracting(BaselineRow::verdict).isEqualTo(BaselineRow.Verdict.UNCHANGED);
  }

  @Test
  void theSameServerIsCompared() {
    var rows = BaselineCheck.check(List.of(served("k", HERE, "0.6.1", "2026-01-01T00:00:00Z", SAMPLES)),
        List.of(served("k", HERE, "0.6.1", "2026-01-02T00:00:00Z", SAMPLES)), 5, false);
    assertThat(rows.rows()).singleElement().extracting(BaselineRow::verdict).isEqualTo(BaselineRow.Verdict.UNCHANGED);
  }

  @Test
  void aServerAtAnotherEndpointIsRefusedThoughItsKeysDiffer() {
    // the endpoint is an engine setting, so in the config_key: without the check every row would pass as missing
    String there = "http://10.0.0.7:8000/v1";
    var base = List.of(served("k-here", HERE, "0.6.1", "2026-01-01T00:00:00Z", SAMPLES));
    var now = List.of(served("k-there", there, "0.6.1", "2026-01-02T00:00:00Z", SAMPLES));
    assertThatThrownBy(() -> BaselineCheck.check(base, now, 5, false))
        .isInstanceOf(ServerMismatchException.class)
        .hasMessageStartingWith("server.endpoint: baseline measured against " + HERE + ", this run against " + there
            + " (config model-k-there openai");
    assertThat(BaselineCheck.check(base, now, 5, true).rows()).extracting(BaselineRow::verdict)
        .containsOnly(BaselineRow.Verdict.MISSING);
  }

  @Test
  void inProcessRecordsBesideServedOnesAreNotAskedForAServer() {
    var base = List.of(TestRecords.record("a", "client", "2026-01-01T00:00:00Z", org.inferbench.results.Metric.E2E,
        SAMPLES), served("k", HERE, "0.6.1", "2026-01-01T00:00:00Z", SAMPLES));
    var now = List.of(TestRecords.record("a", "client", "2026-01-02T00:00:00Z", org.inferbench.results.Metric.E2E,
        SAMPLES), served("k", HERE, "0.6.1", "2026-01-02T00:00:00Z", SAMPLES));
    assertThat(BaselineCheck.check(base, now, 5, false).rows()).hasSize(2);
  }
}
