package org.inferbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.engine.SettingRole;
import org.inferbench.results.Metric;

/**
 * The quantization comparison: configurations on one machine that differ only in their weight type (the engine's
 * weight_type setting), each set beside the F16 (else fp16, F32, fp32) arm of the same workload, as METRICS.md
 * defines speedup (A, the quantized file, over B, the 16- or 32-bit one).
 */
final class QuantizationTable {
  /** The arms a quantized file is compared with, best first. */
  private static final List<String> BASELINES = List.of("F16", "fp16", "F32", "fp32", "BF16");

  /** One configuration beside its baseline arm. */
  record Row(ConfigResult arm, ConfigResult base, double speedup, double low, double high) {}

  private QuantizationTable() {}

  static List<Row> rows(ResultSet set) {
    List<Row> rows = new ArrayList<>();
    for (String machine : set.machines()) {
      Map<Map<String, String>, Map<String, ConfigResult>> groups = new LinkedHashMap<>();
      for (ConfigResult c : set.currentOkOn(machine)) {
        String type = weightType(c);
        if (type == null || !c.shape().generates()) continue;
        String key = c.workload().settingKey(SettingRole.WEIGHT_TYPE.key());
        groups.computeIfAbsent(c.parametersWithout(key, "dtype"), k -> new LinkedHashMap<>()).put(type, c);
      }
      for (Map<String, ConfigResult> arms : groups.values()) {
        if (arms.size() < 2) continue;
        ConfigResult base = BASELINES.stream().map(arms::get).filter(java.util.Objects::nonNull).findFirst()
            .orElse(null);
        if (base == null) continue;
        for (ConfigResult arm : arms.values()) {
          double speedup = arm.mean(Metric.DECODE_THROUGHPUT) / base.mean(Metric.DECODE_THROUGHPUT);
          double[] ci = RatioBootstrap.ratioOfMeans(arm.record().samples(Metric.DECODE_THROUGHPUT),
              base.record().samples(Metric.DECODE_THROUGHPUT));
          rows.add(new Row(arm, base, speedup, ci[0], ci[1]));
        }
      }
    }
    return rows;
  }

  static ReportTable of(List<Row> rows, ResultSet set) {
    var t = new ReportTable.Builder("quantization", "Quantization: weight types of one model on one machine",
        List.of("machine", "configuration", "weight type", "TTFT (ms)", "prefill tok/s", "decode tok/s",
            "decode speedup over base [95% CI]", "base", "weight bytes per step (MB)", "MBU (decode)"));
    List<String> varying = new ArrayList<>(set.varying());
    for (Row r : rows) {
      varying.remove(r.arm().workload().settingKey(SettingRole.WEIGHT_TYPE.key()));
      varying.remove("dtype");
    }
    for (Row r : rows) {
      ConfigResult c = r.arm();
      Map<?, ?> decode = c.roofline("decode");
      t.row(List.of(Cell.text(c.shortMachine()), Cell.text(c.label(varying)), Cell.text(weightType(c)),
          Cell.num(c.mean(Metric.TTFT)), Cell.num(c.mean(Metric.PREFILL_THROUGHPUT)),
          Cell.num(c.mean(Metric.DECODE_THROUGHPUT)),
          Cell.num(r.speedup(), Fmt.withCi(r.speedup(), r.low(), r.high())), Cell.text(weightType(r.base())),
          decode.get("work") instanceof Number w ? Cell.num(w.doubleValue() / 1e6) : Cell.NONE,
          decode.get("mbu") instanceof Number m ? Cell.text(Fmt.pct(m.doubleValue() * 100) + " %") : Cell.NONE));
    }
    t.note("speedup = decode tokens/s of the weight type ÷ that of the base arm (ratio of means, bootstrap 95 % CI)");
    t.note("bytes per step: every weight tensor at its own type plus the KV cache at the mean context (the MBU's"
        + " numerator); MFU of a quantized prefill is against this machine's fp32 MatMul peak");
    if (rows.isEmpty()) {
      t.note("no quantization comparison: no two measured configurations differ only in their weight type");
    }
    return t.build();
  }

  /** The weight type setting, else the type the model was described in (a file whose type is its own). */
  static String weightType(ConfigResult c) {
    String set = c.workload().settingByRole(SettingRole.WEIGHT_TYPE.key());
    return set != null ? set : c.workload().dtype();
  }
}
