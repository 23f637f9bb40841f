package org.inferbench.fleet;

import java.util.LinkedHashMap;
import java.util.Map;
import org.inferbench.load.Arrival;
import org.inferbench.load.LoadShape;
import org.inferbench.load.RampUp;

/** A load shape as the coordinator sends it to a client, and back. */
public final class ShapeJson {
  private ShapeJson() {}

  public static Map<String, Object> of(LoadShape shape) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ramp_up_s", shape.rampUp().seconds());
    switch (shape) {
      case LoadShape.Concurrency c -> m.put("streams", c.streams());
      case LoadShape.Rate r -> {
        m.put("rate", Double.isInfinite(r.perSecond()) ? "inf" : Double.toString(r.perSecond()));
        m.put("arrival", r.arrival().name());
        m.put("burstiness", r.burstiness());
        m.put("max_in_flight", r.maxInFlight());
        m.put("seed", r.seed());
      }
    }
    return m;
  }

  public static LoadShape parse(Map<String, Object> m) {
    RampUp ramp = new RampUp(((Number) m.get("ramp_up_s")).doubleValue());
    if (m.containsKey("streams")) return new LoadShape.Concurrency(((Number) m.get("streams")).intValue(), ramp);
    String rate = (String) m.get("rate");
    return new LoadShape.Rate("inf".equals(rate) ? Double.POSITIVE_INFINITY : Double.parseDouble(rate),
        Arrival.valueOf((String) m.get("arrival")), ((Number) m.get("burstiness")).doubleValue(),
        ((Number) m.get("max_in_flight")).intValue(), ((Number) m.get("seed")).longValue(), ramp);
  }

  /** The share in words, for the record: "c4", "r2.5/s". */
  public static String label(LoadShape shape) {
    return switch (shape) {
      case LoadShape.Concurrency c -> "c" + c.streams();
      case LoadShape.Rate r -> Double.isInfinite(r.perSecond()) ? "r inf" : "r" + (float) r.perSecond() + "/s";
    };
  }
}
