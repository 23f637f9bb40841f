package org.inferbench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.inferbench.engine.SettingRole;
import org.inferbench.label.ConfigLabel;
import org.inferbench.report.table.BoxTable;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;
import org.inferbench.stats.Bootstrap;
import org.inferbench.stats.Interval;
import org.inferbench.stats.Percentiles;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.LabelledModel;
import org.inferbench.workload.Order;
import org.inferbench.workload.RoleKeys;
import org.inferbench.workload.WorkloadBuilder;
import org.inferbench.workload.WorkloadSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code inferbench compare-kv}: the same prompts with and without a KV cache, requests interleaved, each arm in
 * its own process, and the speedup of each with a 95 % bootstrap CI of the ratio of medians.
 */
@Command(name = "compare-kv", mixinStandardHelpOptions = true,
    description = "Measure a decoder with its KV cache on and off (same prompts, interleaved, one process per arm) and print the speedups.")
final class CompareKvCommand implements Callable<Integer> {
  static final WorkloadBuilder.Defaults DEFAULTS = new WorkloadBuilder.Defaults(
      List.of(LabelledModel.of("gpt2")), List.of("onnx"), List.of(128), List.of(64), Isolation.PROCESS);

  @Mixin
  WorkloadOptions workload;

  @picocli.CommandLine.Mixin
  TableOptions table;

  @Override
  public Integer call() throws Exception {
    table.apply();
    List<WorkloadBuilder> builders = workload.toBuilders();
    for (WorkloadBuilder b : builders) {
      b.engineOpt(RoleKeys.of(SettingRole.KV_CACHE) + "=on,off");
      if (b.order == null) b.order = Order.INTERLEAVED; // the engine's settings for taking turns then apply
    }
    List<WorkloadSpec> specs = Inputs.build(builders, DEFAULTS);
    RunPipeline.Outcome o = new RunPipeline(System.out, System.err)
        .execute(specs, false, false, false, OutputFormat.TABLE);
    System.out.print(render(o.records()));
    return o.exitCode();
  }

  /** One row per pair of records that differ only in the engine's KV-cache setting. */
  static String render(List<ResultRecord> records) {
    Map<String, ResultRecord[]> pairs = new LinkedHashMap<>();
    for (ResultRecord r : records) {
      if (!r.ok()) continue;
      Map<String, String> rest = new TreeMap<>(r.workload().engineSettings());
      String kvKey = r.workload().settingKey(SettingRole.KV_CACHE.key());
      if (kvKey == null) continue;
      String kv = rest.remove(kvKey);
      String key = ConfigLabel.of(ConfigLabel.parameters(r.workload().model(), null, r.workload().batch(),
          r.workload().prompt(), r.workload().output(), null)) + "\u0000" + rest;
      ResultRecord[] p = pairs.computeIfAbsent(key, k -> new ResultRecord[2]);
      p["off".equals(kv) ? 1 : 0] = r;
    }
    BoxTable t = new BoxTable("configuration", "decode tok/s on / off", "speedup decode tok/s [95% CI]",
        "speedup time per token [95% CI]", "speedup total time [95% CI]", "peak MB on / off", "memory reduction")
        // what is left out first where the table would pass 120 columns: the per-token time, then the total
        .optional("peak MB on / off", "memory reduction", "speedup total time [95% CI]",
            "speedup time per token [95% CI]");
    for (Map.Entry<String, ResultRecord[]> e : pairs.entrySet()) {
      ResultRecord on = e.getValue()[0];
      ResultRecord off = e.getValue()[1];
      if (on == null || off == null) continue;
      // the other settings only where they tell two rows apart (a sweep of threads, say)
      String base = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
      boolean ambiguous = pairs.keySet().stream().filter(k -> k.startsWith(base + "\u0000")).count() > 1;
      t.row(ambiguous ? e.getKey().replace('\u0000', ' ') : base,
          f(median(on, Metric.DECODE_THROUGHPUT)) + " / " + f(median(off, Metric.DECODE_THROUGHPUT)),
          ratio(on.samples(Metric.DECODE_THROUGHPUT), off.samples(Metric.DECODE_THROUGHPUT)),
          ratio(off.samples(Metric.TPOT), on.samples(Metric.TPOT)),
          ratio(off.samples(Metric.E2E), on.samples(Metric.E2E)),
          mb(on) + " / " + mb(off),
          reduction(on, off));
    }
    if (t.rowCount() == 0) return "compare-kv: no pair of ok records with kv-cache on and off to compare\n";
    return t.title("KV cache on vs off (speedup = on over off; ratio of medians, bootstrap CI)").render()
        + "memory reduction = (1 − peak on ÷ peak off) × 100 %: negative when the cache costs memory; one peak per arm, no CI\n";
  }

  private static String ratio(double[] a, double[] b) {
    if (a == null || b == null || a.length == 0 || b.length == 0) return "–";
    double r = Percentiles.median(a) / Percentiles.median(b);
    List<String> parts = new ArrayList<>();
    parts.add(String.format(Locale.ROOT, "%.2f×", r));
    if (a.length > 1 && b.length > 1) {
      Interval ci = Bootstrap.ratioOfMediansCi(a, b);
      parts.add(String.format(Locale.ROOT, "[%.2f, %.2f]", ci.low(), ci.high()));
    }
    return String.join(" ", parts);
  }

  private static double median(ResultRecord r, Metric m) {
    double[] s = r.samples(m);
    return s == null || s.length == 0 ? Double.NaN : Percentiles.median(s);
  }

  private static String mb(ResultRecord r) {
    Double p = r.trackers() == null ? null : r.trackers().peakRssMb();
    return p == null ? "–" : String.format(Locale.ROOT, "%.0f", p);
  }

  private static String reduction(ResultRecord on, ResultRecord off) {
    Double a = on.trackers() == null ? null : on.trackers().peakRssMb();
    Double b = off.trackers() == null ? null : off.trackers().peakRssMb();
    if (a == null || b == null) return "–";
    return String.format(Locale.ROOT, "%.1f %%", (1 - a / b) * 100);
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
  }
}
