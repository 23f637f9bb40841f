package org.inferbench.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.inferbench.load.Arrival;
import org.inferbench.load.LoadRun;
import org.inferbench.load.LoadShape;
import org.inferbench.load.RampUp;
import org.inferbench.load.RequestTimes;
import org.junit.jupiter.api.Test;

/**
 * The parts of a load from many clients: shares that add up to the whole load, the round-trip offset bounded by half
 * the shortest trip, and one run pooled on the coordinator's clock (each client's times moved by its offset).
 */
final class FleetPartsTest {
  @Test
  void sharesAddUpToTheWholeLoad() {
    int streams = 0;
    int requests = 0;
    int warmup = 0;
    for (int i = 0; i < 3; i++) {
      LoadShare s = LoadShare.of(new LoadShape.Concurrency(8), 4, 100, i, 3);
      streams += ((LoadShape.Concurrency) s.shape()).streams();
      requests += s.requests();
      warmup += s.warmup();
    }
    assertThat(List.of(streams, requests, warmup)).containsExactly(8, 100, 4);
    LoadShape.Rate rate = new LoadShape.Rate(9, Arrival.POISSON, 1, 6, 42, RampUp.NONE);
    LoadShare a = LoadShare.of(rate, 0, 10, 0, 3);
    LoadShare b = LoadShare.of(rate, 0, 10, 1, 3);
    assertThat(((LoadShape.Rate) a.shape()).perSecond()).isEqualTo(3);
    assertThat(((LoadShape.Rate) a.shape()).maxInFlight()).isEqualTo(2);
    assertThat(((LoadShape.Rate) a.shape()).seed()).isNotEqualTo(((LoadShape.Rate) b.shape()).seed());
    assertThat(ShapeJson.parse(ShapeJson.of(a.shape()))).isEqualTo(a.shape());
    assertThatThrownBy(() -> LoadShare.of(new LoadShape.Concurrency(2), 0, 10, 0, 3))
        .hasMessageContaining("more clients than the load's 2 streams");
  }

  @Test
  void theRoundTripOffsetComesFromTheShortestTripAndHalfOfItBoundsIt() {
    // the coordinator's clock is 1 000 000 ns ahead; the slow trip's reply was delayed one way
    List<ClockOffset.RoundTrip> trips = List.of(new ClockOffset.RoundTrip(0, 1_000_900, 2_000),
        new ClockOffset.RoundTrip(10_000, 1_010_050, 10_100), new ClockOffset.RoundTrip(20_000, 1_020_010, 26_000));
    ClockOffset o = ClockOffset.fromRoundTrips(trips);
    assertThat(o.method()).isEqualTo(ClockOffset.ROUND_TRIP);
    assertThat(o.uncertaintyNs()).isEqualTo(50);
    assertThat(o.offsetNs()).isEqualTo(1_000_000);
    assertThat(o.rounds()).isEqualTo(3);
    assertThat(o.toClient(o.toCoordinator(12345))).isEqualTo(12345);
    assertThat(ClockOffset.sameHost().offsetNs()).isZero();
  }

  @Test
  void runsArePooledOnTheCoordinatorsClock() {
    RequestTimes r0 = new RequestTimes(100, 100, new long[] {150, 160}, new int[] {1, 1}, 170, null, 8);
    RequestTimes r1 = new RequestTimes(0, 0, new long[] {40}, new int[] {1}, 45, null, 8);
    RequestTimes failed = RequestTimes.failed(10, 10, 20, "503", 8);
    ClientRun a = new ClientRun(0, "h", ClockOffset.sameHost(), "c1", List.of(r0), List.of(new long[] {100, 170}),
        List.of(), 0.5);
    ClientRun b = new ClientRun(1, "h", new ClockOffset(ClockOffset.ROUND_TRIP, 1000, 30_000, 200), "c1",
        List.of(r1, failed), List.of(new long[] {0, 45}, new long[] {10, 20}), List.of(), 0.25);
    LoadRun pooled = PooledRun.of(new LoadShape.Concurrency(2), List.of(a, b));
    assertThat(pooled.requests()).extracting(RequestTimes::sendNs).containsExactly(100L, 1000L, 1010L);
    assertThat(pooled.requests().get(1).chunkNs()).containsExactly(1040);
    assertThat(pooled.spans()).hasSize(3);
    List<Map<String, Object>> clients = PooledRun.perClient(List.of(a, b), 0.5);
    assertThat(clients.get(1)).containsEntry("failed", 1).containsEntry("errors", Map.of("503", 1))
        .containsEntry("cpu_cores", 0.5);
    assertThat(PooledRun.uncertaintyMs(List.of(a, b))).isEqualTo(0.03);
  }
}
