package org.inferbench.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.inferbench.engine.ModelInfo;
import org.inferbench.model.ModelConfig;
import org.inferbench.results.Metric;
import org.inferbench.results.MetricStats;
import org.inferbench.roofline.ModelDims;
import org.inferbench.roofline.PhaseRoofline;
import org.inferbench.roofline.Roofline;
import org.inferbench.roofline.TransformerDims;

/**
 * Adds MBU (decode) and MFU (prefill, encoder) to a measured configuration whose engine exposed the model's
 * config, against the probe of this machine at the configuration's thread count. Medians are used: the
 * roofline asks what the typical request achieved, not one that a preemption stretched.
 */
public final class RooflineAnnotator {
  private final IntFunction<Roofline> roofs;

  /** @param roofs the machine's roofs for a thread count (0: the engine's default); null entries skip */
  public RooflineAnnotator(IntFunction<Roofline> roofs) {
    this.roofs = roofs;
  }

  /** The roofline of each phase, keyed "decode", "prefill", "encoder"; empty when it cannot be computed. */
  public Map<String, Object> annotate(ModelInfo info, Map<String, String> settings, int batch, int prompt, int output,
      Map<String, MetricStats> stats) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (info == null || !(info.details().get(ModelInfo.CONFIG_DETAIL) instanceof ModelConfig config)) return out;
    int threads = settings.getOrDefault("threads", "0").matches("\\d+") ? Integer.parseInt(settings.getOrDefault("threads", "0")) : 0;
    Roofline roof = roofs.apply(threads);
    if (roof == null) return out;
    TransformerDims d = ModelDims.of(config, bytesPerElement(info.dtype()), true);
    try {
      switch (info.shape()) {
        case ENCODER -> put(out, roof.encoder(d, batch, prompt, seconds(stats, Metric.ENCODER_LATENCY)));
        case DECODER, ENCODER_DECODER -> {
          put(out, roof.prefill(d, batch, prompt, seconds(stats, Metric.TTFT)));
          if ("off".equals(settings.get("kv-cache"))) {
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

  /** Bytes per weight element: the roofline's bytes are those the engine streams from memory. */
  static int bytesPerElement(String dtype) {
    if (dtype == null) return 4;
    return switch (dtype) {
      case "fp16", "bf16" -> 2;
      case "int8", "q8", "uint8" -> 1;
      default -> 4;
    };
  }
}
