package org.inferbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.roofline.PhaseRoofline;

/**
 * The "roofline" table: per measured configuration and phase, the MBU or MFU the run recorded
 * ({@code trackers.extra.roofline}), its verdict and the ceiling, the TTFT/TPOT/latency the machine would reach at
 * 100 % of its roof. Where a configuration has none, a note says why.
 */
final class RooflineTable {
  /** The key of the roofline map in {@code trackers.extra}. */
  static final String KEY = "roofline";
  /** Phases in the order a request runs them. */
  private static final List<String> PHASES = List.of("prefill", "decode", "encoder");

  private RooflineTable() {}

  static ReportTable of(ResultSet set) {
    List<String> varying = set.varying();
    var t = new ReportTable.Builder("roofline", "Roofline: utilization of the machine's roofs per phase",
        List.of("configuration", "phase", "metric", "MFU/MBU (%)", "verdict", "measured p50 (ms)",
            "ceiling at 100 % (ms)"));
    // engine -> configurations measured without a roofline, for one note per engine
    Map<String, Integer> missing = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (ConfigResult c : set.currentOk()) {
      Map<?, ?> roof = c.trackerExtra().get(KEY) instanceof Map<?, ?> m ? m : Map.of();
      int rows = 0;
      for (String phase : PHASES) {
        if (!(roof.get(phase) instanceof Map<?, ?> p)) continue;
        boolean memoryBound = p.containsKey("mbu");
        double utilization = number(p.get(memoryBound ? "mbu" : "mfu"));
        t.row(List.of(Cell.text(c.label(varying)), Cell.text(phase), Cell.text(memoryBound ? "MBU" : "MFU"),
            Cell.num(utilization * 100), Cell.text(verdict(p.get("verdict"), utilization)),
            Cell.num(number(p.get("measured_ms"))), Cell.num(number(p.get("ceiling_ms")))));
        rows++;
      }
      if (rows > 0) continue;
      if (roof.get("note") != null) {
        failures.add(c.label(varying) + ": roofline not computed: " + roof.get("note"));
      } else {
        missing.merge(String.valueOf(c.workload().engine()), 1, Integer::sum);
      }
    }
    if (set.currentOk().isEmpty()) t.note("no roofline: no measured configuration");
    missing.forEach((engine, n) -> t.note("no roofline for engine " + engine + " (" + n + " configuration(s)): "
        + "it exposes no model config to count the work from, or no machine probe was available"));
    failures.forEach(t::note);
    if (!t.isEmpty()) {
      t.note("MBU (decode) = (bytes of weights + bytes of KV cache read per step) ÷ TPOT ÷ the machine's measured "
          + "memory bandwidth");
      t.note("MFU (prefill, encoder) = FLOPs of the forward pass ÷ TTFT (or encoder latency) ÷ the machine's "
          + "measured peak matrix-multiply FLOP/s");
      t.note("verdict: near its roof at ≥ " + Math.round(PhaseRoofline.NEAR_ROOF_THRESHOLD * 100)
          + " %, overhead-bound below; measured is the median TTFT, TPOT or encoder latency; the ceiling is the "
          + "time the work would take at 100 % of the roof, the best this machine could reach");
      t.note("the roofs come from a probe of each machine (bandwidth and MatMul peak at the configuration's thread "
          + "count): utilizations and ceilings hold for that machine only");
    }
    return t.build();
  }

  /** The recorded verdict; derived from the utilization with the roofline's own threshold if absent. */
  private static String verdict(Object recorded, double utilization) {
    if (recorded != null) return recorded.toString();
    if (!Double.isFinite(utilization)) return "";
    return (utilization >= PhaseRoofline.NEAR_ROOF_THRESHOLD ? PhaseRoofline.Verdict.NEAR_ROOF
        : PhaseRoofline.Verdict.OVERHEAD_BOUND).label();
  }

  static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
