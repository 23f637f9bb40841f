package org.inferbench.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.inferbench.engine.EngineSettings;
import org.inferbench.core.ModelFacts;
import org.inferbench.engine.ModelInfo;
import org.inferbench.results.Metric;
import org.inferbench.results.MetricStats;
import org.inferbench.roofline.PhaseRoofline;
import org.inferbench.roofline.Roofline;

/**
 * Adds MBU (decode) and MFU (prefill, encoder) to a measured configuration whose engine reported the model's
 * facts, against the probe of this machine at the configuration's thread count. Medians are used: the
 * roofline asks what the typical request achieved, not one that a preemption stretched.
 */
public final class RooflineAnnotator {
  private final IntFunction<Roofline> roofs;

  /** @param roofs the machine's roofs for a thread count (0: the engine's default); null entries skip */
  public RooflineAnnotator(IntFunction<Roofline> roofs) {
    this.roofs = roofs;
  }

  /** The roofline of each phase, keyed "decode", "prefill", "encoder"; empty when it cannot be computed. */
  public Map<String, Object> annotate(ModelInfo info, EngineSettings settings, int batch, int prompt, int output,
      Map<String, MetricStats> stats) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (info == null || info.facts() == null) return out;
    ModelFacts d = info.facts();
    // what the weights cost per parameter, whatever the probe: the engine comparison tells like for like by it
    out.put("weights", Map.of("label", d.weights().label(), "matmul_bytes_per_weight",
        d.weights().matmul()));
    Roofline roof = roofs.apply(settings.threads());
    if (roof == null) return out;
    try {
      switch (info.shape()) {
        case ENCODER -> put(out, roof.encoder(d, batch, prompt, seconds(stats, Metric.ENCODER_LATENCY)));
        case DECODER, ENCODER_DECODER -> {
          put(out, roof.prefill(d, batch, prompt, seconds(stats, Metric.TTFT)));
          if (!settings.kvCacheOn()) {
            // without a cache a step is a whole forward pass, not a read of weights and cache: MBU does not apply
            out.put("decode_note", "kv-cache off: each decode step reruns the whole sequence; no MBU");
          } else if (output >= 2 && stats.containsKey(Metric.TPOT.key())) {
            put(out, roof.decode(d, batch, prompt, output, seconds(stats, Metric.TPOT)));
          }
        }
      }
    } catch (IllegalArgumentException e) {
      out.put("note", e.getMessage());
    }
    return out;
  }

  private static void put(Map<String, Object> out, PhaseRoofline p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(p.phase().equals("decode") ? "mbu" : "mfu", p.utilization());
    m.put("verdict", p.verdict().label());
    m.put("ceiling_ms", p.ceilingSeconds() * 1000);
    m.put("measured_ms", p.measuredSeconds() * 1000);
    m.put("work", p.work());
    m.put("work_unit", p.bound().equals("memory") ? "bytes per step" : "FLOPs");
    m.put("roof_per_s", p.roofPerS());
    m.put("note", p.utilization() > 1
        ? p.note() + "; above 100 %: the probe underestimates this machine's roof (run `inferbench probe --refresh` on an idle machine)"
        : p.note());
    out.put(p.phase(), m);
  }

  private static double seconds(Map<String, MetricStats> stats, Metric m) {
    MetricStats s = stats.get(m.key());
    if (s == null) throw new IllegalArgumentException(m.key() + ": not measured");
    return s.p50() / 1000.0;
  }
}
