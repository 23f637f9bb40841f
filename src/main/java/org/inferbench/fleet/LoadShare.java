package org.inferbench.fleet;

import org.inferbench.load.LoadShape;

/**
 * Client {@code index} of {@code clients}' share of a load: a closed loop's streams and an open loop's rate (and its
 * in-flight limit) divided as evenly as whole numbers allow, and the requests of each phase likewise, so the clients
 * together put the whole load in flight. Open-loop clients draw their arrivals from seeds of their own: N
 * independent Poisson streams of rate r / N are one Poisson stream of rate r.
 */
public record LoadShare(LoadShape shape, int warmup, int requests) {
  public static LoadShare of(LoadShape shape, int warmup, int requests, int index, int clients) {
    if (clients < 1 || index < 0 || index >= clients) {
      throw new IllegalArgumentException("client " + index + " of " + clients);
    }
    LoadShape mine = switch (shape) {
      case LoadShape.Concurrency c -> {
        if (c.streams() < clients) {
          throw new IllegalArgumentException("--clients " + clients + ": more clients than the load's "
              + c.streams() + " streams; expected at most " + c.streams());
        }
        yield new LoadShape.Concurrency(part(c.streams(), index, clients), c.rampUp());
      }
      case LoadShape.Rate r -> new LoadShape.Rate(r.perSecond() / clients, r.arrival(), r.burstiness(),
          r.maxInFlight() == 0 ? 0 : Math.max(1, part(r.maxInFlight(), index, clients)),
          r.seed() + 1_000_003L * index, r.rampUp());
    };
    return new LoadShare(mine, part(warmup, index, clients), part(requests, index, clients));
  }

  /** Client {@code index}'s part of {@code total}: the first {@code total % clients} clients take one more. */
  static int part(int total, int index, int clients) {
    return total / clients + (index < total % clients ? 1 : 0);
  }
}
