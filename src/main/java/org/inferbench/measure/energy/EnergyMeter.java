package org.inferbench.measure.energy;

import java.util.Optional;

/**
 * Reads a machine's energy counters around the measured requests. A meter with nothing to read still exists: it
 * says why ({@link #unavailableReason()}) so a report can print that instead of leaving a blank.
 */
public interface EnergyMeter {
  /** Short name, e.g. "rapl". */
  String name();

  /** True when a counter was readable when the meter was created. */
  default boolean available() {
    return unavailableReason() == null;
  }

  /** Why nothing can be read (e.g. "no RAPL access: ..."), or null when available. */
  String unavailableReason();

  /** Takes the starting readings; does nothing on an unavailable meter. */
  void start();

  /** Takes the final readings. */
  void stop();

  /** The energy between start and stop; empty when unavailable, not started and stopped, or a read failed. */
  Optional<EnergyReading> result();
}
