package org.inferbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.inferbench.core.ModelShape;
import org.inferbench.results.EnvironmentRecord;
import org.inferbench.results.Metric;
import org.inferbench.results.Status;

/** The per-configuration tables: results, rankings, architectures, efficiency, trends and machines. */
final class Tables {
  private static final int TOP = 5;

  private Tables() {}

  static ReportTable configurations(ResultSet set) {
    List<String> varying = new ArrayList<>(set.varying());
    if (!varying.contains("model")) varying.add(0, "model");
    boolean generators = set.current().stream().anyMatch(c -> c.shape().generates());
    boolean encoders = set.current().stream().anyMatch(c -> !c.shape().generates());
    List<String> headers = new ArrayList<>(varying);
    if (generators) {
      headers.addAll(List.of("TTFT p50 (ms)", "TTFT p95 (ms)", "TPOT p50 (ms)", "E2E p50 (ms)", "E2E p95 (ms)",
          "E2E p99 (ms)", "decode tok/s"));
    }
    if (encoders) headers.addAll(List.of("forward p50 (ms)", "forward p95 (ms)", "encoder tok/s"));
    headers.add("peak MB");
    headers.add("flags");
    var t = new ReportTable.Builder("configurations", "Results per configuration (latest run of each)", headers);
    for (ConfigResult c : set.current()) {
      List<Cell> row = new ArrayList<>();
      Map<String, String> p = c.parameters();
      for (String v : varying) row.add(Cell.parameter(p.getOrDefault(v, "")));
      boolean ok = c.record().ok();
      if (generators) {
        row.add(stat(c, Metric.TTFT, 50));
        row.add(stat(c, Metric.TTFT, 95));
        row.add(stat(c, Metric.TPOT, 50));
        row.add(stat(c, Metric.E2E, 50));
        row.add(stat(c, Metric.E2E, 95));
        row.add(stat(c, Metric.E2E, 99));
        row.add(ok && c.shape().generates() ? Cell.num(c.mean(Metric.DECODE_THROUGHPUT)) : Cell.EMPTY);
      }
      if (encoders) {
        row.add(stat(c, Metric.ENCODER_LATENCY, 50));
        row.add(stat(c, Metric.ENCODER_LATENCY, 95));
        row.add(ok && !c.shape().generates() ? Cell.num(c.mean(Metric.ENCODER_TOKENS_THROUGHPUT)) : Cell.EMPTY);
      }
      row.add(ok ? Cell.num(c.peakMb()) : Cell.EMPTY);
      row.add(Cell.text(flags(c)));
      t.row(row);
    }
    if (set.current().isEmpty()) t.note("no results to report");
    if (set.machines().size() > 1) {
      t.note("results from " + set.machines().size() + " different machines (column machine): figures from "
          + "different machines are not comparable");
    }
    for (ConfigResult c : set.current()) {
      if (c.record().ok() && c.flags().contains("noisy")) {
        t.note("noisy: " + c.label(varying) + ": headline CV " + Fmt.pct(c.cv(c.headline()) * 100) + " % > 10 %"
            + noiseCauses(c.record().environment()));
      }
    }
    return t.build();
  }

  private static Cell stat(ConfigResult c, Metric m, int p) {
    if (!c.record().ok() || !m.appliesTo(c.shape())) return Cell.EMPTY;
    var s = c.stats(m);
    if (s == null) return Cell.NONE;
    return Cell.num(switch (p) {
      case 50 -> s.p50();
      case 95 -> s.p95();
      default -> s.p99();
    });
  }

  /** What the environment snapshot shows that commonly makes timings noisy. */
  static String noiseCauses(EnvironmentRecord env) {
    if (env == null) return "; no environment recorded to suggest a cause";
    List<String> causes = new ArrayList<>();
    if (env.cpuGovernor() != null && !env.cpuGovernor().equals("performance")) {
      causes.add("frequency scaling (CPU governor " + env.cpuGovernor() + ")");
    }
    if (env.extra() != null) {
      env.extra().forEach((k, v) -> {
        if (k.contains("load") || k.contains("thread") || k.contains("steal")) causes.add(k + " " + v);
      });
    }
    return causes.isEmpty() ? "; the environment shows no obvious cause (other load, frequency scaling or thread "
        + "oversubscription are the usual ones)" : "; possible causes: " + String.join(", ", causes);
  }

  static String flags(ConfigResult c) {
    List<String> parts = new ArrayList<>();
    if (c.record().status() != Status.OK) {
      String reason = c.record().reason() == null ? "no reason given" : c.record().reason();
      parts.add(c.statusLabel() + ": " + reason);
    }
    parts.addAll(c.flags());
    return String.join(", ", parts);
  }

  /** Top configurations per category, ranked within each machine. */
  static ReportTable rankings(ResultSet set) {
    var t = new ReportTable.Builder("rankings", "Rankings (within each machine)",
        List.of("machine", "category", "rank", "configuration", "value", "by"));
    for (String machine : set.machines()) {
      List<ConfigResult> ok = set.currentOkOn(machine);
      if (ok.size() < 2) {
        t.note("machine " + Comparisons.shortId(machine) + ": " + ok.size()
            + " measured configuration(s): rankings need at least two");
        continue;
      }
      List<String> varying = ResultSet.varying(ok);
      rank(t, machine, "fastest", ok, varying, c -> c.mean(c.headline()), true, c -> c.headline().key() + " mean ms");
      rank(t, machine, "highest throughput", ok, varying, c -> c.mean(c.throughputMetric()), false,
          c -> c.throughputMetric().key() + " mean tok/s");
      rank(t, machine, "most memory-efficient", ok, varying, ConfigResult::memoryPerTokenMb, true,
          c -> "MB per token (peak over loaded)");
      rank(t, machine, "most consistent", ok, varying, c -> c.cv(c.headline()) * 100, true,
          c -> c.headline().key() + " CV %");
      if (ok.stream().noneMatch(c -> Double.isFinite(c.memoryPerTokenMb()))) {
        t.note("no memory-efficiency ranking: peak or after-load memory was not recorded");
      }
    }
    t.note("fastest ranks each configuration by its own headline metric (E2E for generating models, forward "
        + "latency for encoders)");
    return t.build();
  }

  private static void rank(ReportTable.Builder t, String machine, String category, List<ConfigResult> ok,
      List<String> varying, ToDoubleFunction<ConfigResult> value, boolean ascending,
      java.util.function.Function<ConfigResult, String> by) {
    Comparator<ConfigResult> cmp = Comparator.comparingDouble(value);
    List<ConfigResult> sorted = ok.stream().filter(c -> Double.isFinite(value.applyAsDouble(c)))
        .sorted(ascending ? cmp : cmp.reversed()).limit(TOP).toList();
    for (int i = 0; i < sorted.size(); i++) {
      ConfigResult c = sorted.get(i);
      t.row(List.of(Cell.text(c.shortMachine()), Cell.text(category), Cell.integer(i + 1),
          Cell.text(c.label(varying)), Cell.num(value.applyAsDouble(c)), Cell.text(by.apply(c))));
    }
  }

  /** Averages and spread of the headline metric across configurations, per architecture and machine. */
  static ReportTable architectures(ResultSet set) {
    var t = new ReportTable.Builder("architectures", "Per architecture (headline metric across configurations)",
        List.of("machine", "architecture", "configurations", "metric", "mean (ms)", "min (ms)", "max (ms)",
            "std across configs (ms)", "mean peak MB"));
    for (String machine : set.machines()) {
      Map<ModelShape, List<ConfigResult>> byShape = new LinkedHashMap<>();
      for (ConfigResult c : set.currentOkOn(machine)) byShape.computeIfAbsent(c.shape(), k -> new ArrayList<>()).add(c);
      for (ModelShape shape : ModelShape.values()) {
        List<ConfigResult> list = byShape.get(shape);
        if (list == null) continue;
        Metric m = Metric.defaultHeadline(shape);
        double[] v = list.stream().mapToDouble(c -> c.mean(m)).filter(Double::isFinite).toArray();
        double[] peaks = list.stream().mapToDouble(ConfigResult::peakMb).filter(Double::isFinite).toArray();
        double mean = mean(v);
        double std = v.length < 2 ? Double.NaN : Math.sqrt(
            java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
        t.row(List.of(Cell.text(Comparisons.shortId(machine)), Cell.text(shape.label()), Cell.integer(list.size()),
            Cell.text(m.key()), Cell.num(mean), Cell.num(min(v)), Cell.num(max(v)), Cell.num(std),
            Cell.num(mean(peaks))));
      }
      for (ModelShape shape : ModelShape.values()) {
        if (!byShape.containsKey(shape)) {
          t.note("machine " + Comparisons.shortId(machine) + ": no " + shape.label() + " measured");
        }
      }
    }
    t.note("configurations of one architecture may differ in model and workload: the spread says how much");
    return t.build();
  }

  static ReportTable efficiency(ResultSet set) {
    List<String> varying = set.varying();
    var t = new ReportTable.Builder("efficiency", "Efficiency per token",
        List.of("configuration", "tokens per request", "latency per token (ms)", "peak MB", "loaded MB",
            "increment MB", "memory per token (MB)"));
    boolean missingMemory = false;
    for (ConfigResult c : set.currentOk()) {
      t.row(List.of(Cell.text(c.label(varying)), Cell.integer(c.tokensPerRequest()),
          Cell.num(c.latencyPerTokenMs()), Cell.num(c.peakMb()), Cell.num(c.loadedMb()),
          Cell.num(c.peakMb() - c.loadedMb()), Cell.num(c.memoryPerTokenMb())));
      missingMemory |= !Double.isFinite(c.memoryPerTokenMb());
    }
    t.note("tokens per request = batch × (prompt + output); latency per token = headline mean ÷ that; memory per "
        + "token = (peak − loaded) ÷ that");
    if (missingMemory) t.note("memory per token shows — where peak or after-load memory was not recorded");
    if (set.currentOk().isEmpty()) t.note("no measured configuration: nothing to compute");
    return t.build();
  }

  static ReportTable trends(ResultSet set) {
    var t = new ReportTable.Builder("trends", "Trends (configurations measured more than once)",
        List.of("configuration", "runs", "first", "latest", "metric", "first mean", "latest mean", "change (%)"));
    List<String> varying = set.varying();
    for (List<ConfigResult> h : set.histories().values()) {
      List<ConfigResult> ok = h.stream().filter(c -> c.record().ok()).toList();
      if (ok.size() < 2) continue;
      ConfigResult first = ok.get(0);
      ConfigResult last = ok.get(ok.size() - 1);
      Metric m = last.headline();
      double change = (last.mean(m) / first.mean(m) - 1) * 100;
      t.row(List.of(Cell.text(last.label(varying)), Cell.integer(ok.size()), Cell.text(first.record().timestamp()),
          Cell.text(last.record().timestamp()), Cell.text(m.key()), Cell.num(first.mean(m)), Cell.num(last.mean(m)),
          Cell.num(change, Fmt.pct(change))));
    }
    if (t.isEmpty()) t.note("every configuration was measured once: no trend yet");
    return t.build();
  }

  static ReportTable machines(ResultSet set) {
    var t = new ReportTable.Builder("machines", "Machines and environments",
        List.of("machine", "records", "CPU", "cores", "memory MB", "OS", "kernel", "JVM", "governor", "engines",
            "tool"));
    Map<String, List<ConfigResult>> byMachine = new LinkedHashMap<>();
    for (List<ConfigResult> h : set.histories().values()) {
      for (ConfigResult c : h) byMachine.computeIfAbsent(c.machine(), k -> new ArrayList<>()).add(c);
    }
    for (var e : byMachine.entrySet()) {
      ConfigResult latest = e.getValue().stream().max(Comparator.comparing(ConfigResult::time)).orElseThrow();
      EnvironmentRecord env = latest.record().environment();
      String engines = e.getValue().stream().map(c -> c.record().environment() == null ? c.workload().engine()
          : c.record().environment().engine() + " " + c.record().environment().engineVersion()).distinct().sorted()
          .reduce((a, b) -> a + "; " + b).orElse("");
      if (env == null) {
        t.row(List.of(Cell.text(e.getKey()), Cell.integer(e.getValue().size()), Cell.NONE, Cell.NONE, Cell.NONE,
            Cell.NONE, Cell.NONE, Cell.NONE, Cell.NONE, Cell.text(engines), Cell.NONE));
        t.note(Comparisons.shortId(e.getKey()) + ": no environment recorded");
        continue;
      }
      t.row(List.of(Cell.text(e.getKey()), Cell.integer(e.getValue().size()), Cell.text(env.cpuModel()),
          Cell.integer(env.cores()), Cell.integer(env.memoryMb()), Cell.text(env.os()), Cell.text(env.kernel()),
          Cell.text(env.jvm()), Cell.text(env.cpuGovernor()), Cell.text(engines),
          Cell.text(env.toolVersion() + (env.gitCommit() == null ? "" : " (" + env.gitCommit() + ")"))));
    }
    if (byMachine.size() > 1) {
      t.note(byMachine.size() + " machines: every comparison in this report is made within one machine");
    }
    return t.build();
  }

  static double mean(double[] v) {
    return v.length == 0 ? Double.NaN : java.util.Arrays.stream(v).average().orElse(Double.NaN);
  }

  static double min(double[] v) {
    return java.util.Arrays.stream(v).min().orElse(Double.NaN);
  }

  static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElse(Double.NaN);
  }
}
