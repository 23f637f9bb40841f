package org.inferbench.cli;

import java.util.List;
import org.inferbench.core.BadInputException;
import org.inferbench.run.ClientFleet;
import org.inferbench.run.Plan;
import picocli.CommandLine.Option;

/** {@code --clients N}: a load's streams or rate driven from N client processes of this host. */
final class ClientOptions {
  @Option(names = "--clients", paramLabel = "N", defaultValue = "1",
      description = "Drive each load (--concurrency, --request-rate) from N client processes on this host, each its "
          + "share from one start time; the record pools their requests (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--clock-sync", paramLabel = "MODE", defaultValue = "auto",
      description = "How clients' clocks are aligned: auto (clients of this host share its monotonic clock) or "
          + "round-trip (align by round trips to the coordinator, as for clients on other hosts; to test it).")
  String clockSync;

  /** The clients, or null for this JVM alone; refused before anything runs where they cannot apply. */
  ClientFleet fleet(List<Plan> plans) throws BadInputException {
    if (clients < 1) throw new BadInputException("--clients " + clients + ": expected 1 or more");
    if (!clockSync.equals("auto") && !clockSync.equals("round-trip")) {
      throw new BadInputException("--clock-sync " + clockSync + ": expected auto or round-trip");
    }
    if (clients == 1) return null;
    for (Plan p : plans) {
      if (!p.runnable()) continue; // recorded as n/a: no load runs
      var load = p.configuration().load();
      if (load == null) {
        throw new BadInputException("--clients " + clients + ": only for a load (--concurrency or --request-rate), "
            + "but [" + p.label() + "] has none");
      }
      if (load.concurrency() != null && load.concurrency() < clients) {
        throw new BadInputException("--clients " + clients + ": more clients than the " + load.concurrency()
            + " streams of [" + p.label() + "]; expected at most " + load.concurrency());
      }
    }
    return new ClientFleet(clients, clockSync.equals("round-trip"), LoadClientMain.class.getName(),
        InferBenchCommand.arguments());
  }
}
