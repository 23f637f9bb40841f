package org.inferbench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "energy" table: joules per request and per generated token and the average power over the measured requests
 * ({@code trackers.extra.energy_*}). Where a machine had no readable counter the record carries no figures but a
 * reason ({@code trackers.notes.energy}); the table repeats each distinct reason once.
 */
final class EnergyTable {
  /** Said when a record carries neither energy nor a reason, e.g. one written before energy was tracked. */
  static final String NO_REASON = "the record gives no reason (measured without the energy tracker)";

  private EnergyTable() {}

  static ReportTable of(ResultSet set) {
    List<String> varying = set.varying();
    var t = new ReportTable.Builder("energy", "Energy over the measured requests",
        List.of("configuration", "J/request", "J/token", "average W", "source"));
    Map<String, Integer> reasons = new LinkedHashMap<>();
    boolean unverified = false;
    for (ConfigResult c : set.currentOk()) {
      double perRequest = c.trackerNumber("energy_per_request_j");
      if (!Double.isFinite(perRequest) && !Double.isFinite(c.trackerNumber("energy_j"))) {
        String why = c.trackerNote("energy");
        reasons.merge(why == null || why.isBlank() ? NO_REASON : why, 1, Integer::sum);
        continue;
      }
      // energy_verified is written only when false: a path not yet checked against hardware
      boolean verified = !"false".equals(String.valueOf(c.trackerExtra().get("energy_verified")));
      unverified |= !verified;
      Object source = c.trackerExtra().get("energy_source");
      t.row(List.of(Cell.text(c.label(varying)), Cell.num(perRequest),
          c.shape().generates() ? Cell.num(c.trackerNumber("energy_per_token_j")) : Cell.EMPTY,
          Cell.num(c.trackerNumber("energy_avg_power_w")),
          Cell.text((source == null ? "?" : source.toString()) + (verified ? "" : " (unverified)"))));
    }
    if (set.currentOk().isEmpty()) t.note("no energy: no measured configuration");
    reasons.forEach((why, n) -> t.note("no energy for " + n + " configuration(s): " + why));
    if (!t.isEmpty()) {
      t.note("J/request = joules over the measured requests ÷ their number; J/token = joules ÷ tokens generated "
          + "(generating models only); average W = joules ÷ the wall time of the measured requests");
      t.note("the counters read the whole CPU package or device, other processes included: compare within one "
          + "machine");
    }
    if (unverified) {
      t.note("(unverified): this way of reading energy has not been checked against the hardware's own figures");
    }
    return t.build();
  }
}
