package org.inferbench.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.measure.EnvironmentSnapshot;
import org.inferbench.results.EnvFingerprint;
import org.inferbench.roofline.Roofline;
import org.inferbench.roofline.probe.Probe;
import org.inferbench.run.Plan;
import org.inferbench.run.RooflineAnnotator;

/**
 * The machine's roofs for the roofline columns: the cached probe of each thread count a run uses, measured
 * before the first configuration when missing, so the probe never runs beside a measured request.
 */
final class MachineRoofs {
  private MachineRoofs() {}

  /** An annotator when some configuration's model has facts to count; null otherwise (nothing to count). */
  static RooflineAnnotator forPlans(List<Plan> plans, PrintStream err) {
    Map<Integer, Roofline> roofs = new HashMap<>();
    String fp = null;
    for (Plan p : plans) {
      if (!p.runnable() || p.info().facts() == null) continue;
      int threads = p.settings().threads();
      if (roofs.containsKey(threads)) continue;
      if (fp == null) fp = EnvFingerprint.of(EnvironmentSnapshot.capture("probe", "", Map.of()));
      int probeThreads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
      try {
        err.println("probe: machine roofs for " + probeThreads + " thread(s) (cached after the first time)...");
        roofs.put(threads, Roofline.of(Probe.cachedOrMeasure(fp, probeThreads, false)));
      } catch (Exception e) {
        err.println("inferbench: probe failed, no MBU/MFU: " + e.getMessage());
        roofs.put(threads, null);
      }
    }
    return roofs.isEmpty() ? null : new RooflineAnnotator(roofs::get);
  }

}
