package org.inferbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.results.Metric;

/**
 * Pairwise comparisons on one machine at a time: between models over the workloads they share, and between the
 * two arms (kv-cache on / off) of each KV-cache comparison.
 */
final class Comparisons {
  /** One KV-cache pair: the same configuration on one machine with kv-cache on and off. */
  record KvPair(String machine, String label, ConfigResult on, ConfigResult off, double speedup, double speedupLow,
      double speedupHigh, double memoryReduction, double memoryReductionLow, double memoryReductionHigh) {
    /** Latency of off ÷ latency of on (how many times faster the cached arm is). */
    double latencySpeedup(Metric m) {
      return off.mean(m) / on.mean(m);
    }
  }

  private Comparisons() {}

  static List<KvPair> kvPairs(ResultSet set) {
    List<KvPair> pairs = new ArrayList<>();
    for (String machine : set.machines()) {
      Map<Map<String, String>, ConfigResult[]> arms = new LinkedHashMap<>();
      List<ConfigResult> onMachine = set.currentOkOn(machine);
      for (ConfigResult c : onMachine) {
        String kv = c.kvCache();
        if (kv == null) continue;
        int arm = isOn(kv) ? 0 : isOff(kv) ? 1 : -1;
        if (arm < 0) continue;
        arms.computeIfAbsent(c.parametersWithout(c.kvCacheKey()), k -> new ConfigResult[2])[arm] = c;
      }
      List<String> varying = ResultSet.varying(onMachine);
      // a label need not say on/off: the pair holds both (engines may call the setting differently)
      onMachine.stream().map(ConfigResult::kvCacheKey).filter(java.util.Objects::nonNull).forEach(varying::remove);
      for (ConfigResult[] a : arms.values()) {
        if (a[0] == null || a[1] == null) continue;
        ConfigResult on = a[0];
        ConfigResult off = a[1];
        double speedup = on.mean(Metric.DECODE_THROUGHPUT) / off.mean(Metric.DECODE_THROUGHPUT);
        double[] ci = RatioBootstrap.ratioOfMeans(on.record().samples(Metric.DECODE_THROUGHPUT),
            off.record().samples(Metric.DECODE_THROUGHPUT));
        double reduction = (1 - off.peakMb() / on.peakMb()) * 100;
        double[] memCi = memoryReductionCi(set.history(on), set.history(off));
        pairs.add(new KvPair(machine, on.label(varying), on, off, speedup, ci[0], ci[1], reduction, memCi[0],
            memCi[1]));
      }
    }
    return pairs;
  }

  /**
   * Peak memory is one figure per run, so its interval needs repeated runs: a bootstrap over the peaks of every
   * record of each arm, where both arms have at least two.
   */
  private static double[] memoryReductionCi(List<ConfigResult> onRuns, List<ConfigResult> offRuns) {
    double[] on = onRuns.stream().filter(c -> c.record().ok()).mapToDouble(ConfigResult::peakMb)
        .filter(Double::isFinite).toArray();
    double[] off = offRuns.stream().filter(c -> c.record().ok()).mapToDouble(ConfigResult::peakMb)
        .filter(Double::isFinite).toArray();
    double[] ratio = RatioBootstrap.ratioOfMeans(off, on);
    return new double[] {(1 - ratio[1]) * 100, (1 - ratio[0]) * 100};
  }

  static boolean isOn(String v) {
    return v.equalsIgnoreCase("on") || v.equalsIgnoreCase("true") || v.equals("1");
  }

  static boolean isOff(String v) {
    return v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false") || v.equals("0");
  }

  static ReportTable kvTable(List<KvPair> pairs, ResultSet set) {
    var t = new ReportTable.Builder("kv_cache", "KV-cache comparisons (kv-cache on vs off, same machine)",
        List.of("machine", "configuration", "decode tok/s on", "decode tok/s off",
            "speedup on over off (decode tok/s) [95% CI]", "TPOT on (ms)", "TPOT off (ms)", "peak MB on",
            "peak MB off", "memory reduction off vs on (%) [95% CI]"));
    for (KvPair p : pairs) {
      t.row(List.of(Cell.text(p.on().shortMachine()), Cell.text(p.label()),
          Cell.num(p.on().mean(Metric.DECODE_THROUGHPUT)), Cell.num(p.off().mean(Metric.DECODE_THROUGHPUT)),
          Cell.num(p.speedup(), Fmt.withCi(p.speedup(), p.speedupLow(), p.speedupHigh())),
          Cell.num(p.on().mean(Metric.TPOT)), Cell.num(p.off().mean(Metric.TPOT)), Cell.num(p.on().peakMb()),
          Cell.num(p.off().peakMb()),
          Cell.num(p.memoryReduction(), Fmt.withCi(p.memoryReduction(), p.memoryReductionLow(),
              p.memoryReductionHigh()))));
      if (Double.isNaN(p.speedupLow())) {
        t.note(p.label() + ": fewer than two decode tokens/s samples in an arm: no interval for the speedup");
      }
    }
    if (pairs.stream().anyMatch(p -> Double.isNaN(p.memoryReductionLow()))) {
      t.note("peak memory is one figure per run: its interval needs at least two runs of each arm");
    }
    t.note("memory reduction = (1 − peak off ÷ peak on) × 100 %: what turning the cache off saves");
    if (pairs.isEmpty()) {
      t.note("no KV-cache comparison: no two measured configurations on one machine differ only in kv-cache on/off");
    }
    return t.build();
  }

  /** Per pair of models on one machine: geometric means over the workloads both measured. */
  static ReportTable modelTable(ResultSet set) {
    var t = new ReportTable.Builder("model_comparison", "Model comparisons (same machine, same workload)",
        List.of("machine", "model A", "model B", "workloads", "metric", "speedup A over B", "memory ratio A/B"));
    int models = (int) set.currentOk().stream().map(ConfigResult::model).distinct().count();
    for (String machine : set.machines()) {
      Map<Map<String, String>, Map<String, ConfigResult>> byWorkload = new LinkedHashMap<>();
      for (ConfigResult c : set.currentOkOn(machine)) {
        byWorkload.computeIfAbsent(c.parametersWithout("model", "shape"), k -> new LinkedHashMap<>())
            .put(c.model(), c);
      }
      List<String> names = set.currentOkOn(machine).stream().map(ConfigResult::model).distinct().sorted().toList();
      for (int i = 0; i < names.size(); i++) {
        for (int j = i + 1; j < names.size(); j++) {
          String a = names.get(i);
          String b = names.get(j);
          double logSpeed = 0;
          double logMem = 0;
          int n = 0;
          int nMem = 0;
          Metric metric = null;
          boolean mixed = false;
          for (Map<String, ConfigResult> w : byWorkload.values()) {
            ConfigResult ca = w.get(a);
            ConfigResult cb = w.get(b);
            if (ca == null || cb == null) continue;
            if (ca.headline() != cb.headline()) {
              mixed = true;
              continue;
            }
            double s = cb.mean(ca.headline()) / ca.mean(ca.headline());
            if (!Double.isFinite(s) || s <= 0) continue;
            metric = ca.headline();
            logSpeed += Math.log(s);
            n++;
            double m = ca.peakMb() / cb.peakMb();
            if (Double.isFinite(m) && m > 0) {
              logMem += Math.log(m);
              nMem++;
            }
          }
          if (mixed) t.note(a + " vs " + b + ": workloads with different headline metrics are not compared");
          if (n == 0) {
            t.note(a + " vs " + b + ": no workload measured for both on machine " + shortId(machine));
            continue;
          }
          t.row(List.of(Cell.text(shortId(machine)), Cell.text(a), Cell.text(b), Cell.integer(n),
              Cell.text(metric.key() + " mean"), Cell.num(Math.exp(logSpeed / n)),
              nMem == 0 ? Cell.NONE : Cell.num(Math.exp(logMem / nMem))));
        }
      }
    }
    t.note("speedup A over B = latency of B ÷ latency of A (geometric mean over shared workloads); > 1: A faster");
    if (models < 2) t.note("only one model measured: no model comparison");
    if (set.machines().size() > 1) t.note("results from " + set.machines().size()
        + " machines: models are compared only within a machine");
    return t.build();
  }

  /** A machine as tables show it: the fingerprint's first 8 characters, and the host where known. */
  static String shortId(String machine) {
    int at = machine.indexOf('@');
    String kind = at < 0 ? machine : machine.substring(0, at);
    String host = at < 0 ? "" : machine.substring(at);
    return (kind.length() > 8 ? kind.substring(0, 8) : kind) + host;
  }
}
