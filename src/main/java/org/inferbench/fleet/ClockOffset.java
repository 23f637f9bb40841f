package org.inferbench.fleet;

import java.util.List;

/**
 * How a client's System.nanoTime relates to the coordinator's: coordinator time = client time + {@code offsetNs},
 * within ± {@code uncertaintyNs}. Clients on the coordinator's host share its monotonic clock (CLOCK_MONOTONIC is one
 * clock for every process of a Linux host), so their offset is 0 by construction; clients on other hosts are aligned
 * by round trips ({@link #fromRoundTrips}).
 *
 * @param method {@link #SAME_HOST} or {@link #ROUND_TRIP}
 * @param rounds round trips the offset was taken from (0 on the same host)
 */
public record ClockOffset(String method, long offsetNs, long uncertaintyNs, int rounds) {
  public static final String SAME_HOST = "same-host monotonic clock";
  public static final String ROUND_TRIP = "round trips to the coordinator";

  /** A client on the coordinator's host: the same clock. */
  public static ClockOffset sameHost() {
    return new ClockOffset(SAME_HOST, 0, 0, 0);
  }

  /**
   * One round trip: the client read {@code sentNs} before asking, the coordinator answered with its clock
   * {@code serverNs}, the client read {@code receivedNs} on the answer.
   */
  public record RoundTrip(long sentNs, long serverNs, long receivedNs) {
    long rttNs() {
      return receivedNs - sentNs;
    }
  }

  /**
   * The offset from the round trip with the shortest time (Cristian's algorithm, the way NTP picks its best sample):
   * the coordinator read its clock somewhere within that trip, so the offset is its reading minus the trip's middle,
   * and half the trip bounds the error whatever the two directions' delays were.
   */
  public static ClockOffset fromRoundTrips(List<RoundTrip> trips) {
    if (trips.isEmpty()) throw new IllegalArgumentException("no round trip to align the clocks with");
    RoundTrip best = trips.get(0);
    for (RoundTrip t : trips) if (t.rttNs() < best.rttNs()) best = t;
    long middle = best.sentNs() + best.rttNs() / 2;
    return new ClockOffset(ROUND_TRIP, best.serverNs() - middle, (best.rttNs() + 1) / 2, trips.size());
  }

  /** A time of the client's clock on the coordinator's. */
  public long toCoordinator(long clientNs) {
    return clientNs + offsetNs;
  }

  /** A time of the coordinator's clock on the client's. */
  public long toClient(long coordinatorNs) {
    return coordinatorNs - offsetNs;
  }
}
