package org.inferbench.results;

import org.inferbench.core.ModelShape;

/**
 * Every metric InferBench reports, under the names of METRICS.md; the same key in tables, CSV, JSON and plots.
 */
public enum Metric {
  TTFT("ttft", "ms", true),
  TPOT("tpot", "ms", true),
  ITL("itl", "ms", true),
  E2E("e2e", "ms", true),
  PREFILL_THROUGHPUT("prefill_throughput", "tok/s", false),
  DECODE_THROUGHPUT("decode_throughput", "tok/s", false),
  OVERALL_THROUGHPUT("overall_throughput", "tok/s", false),
  ENCODER_LATENCY("encoder_latency", "ms", true),
  ENCODER_SAMPLES_THROUGHPUT("encoder_samples_throughput", "samples/s", false),
  ENCODER_TOKENS_THROUGHPUT("encoder_tokens_throughput", "tok/s", false),
  ENCODER_LATENCY_PER_TOKEN("encoder_latency_per_token", "ms", true);

  private final String key;
  private final String unit;
  private final boolean lowerIsBetter;

  Metric(String key, String unit, boolean lowerIsBetter) {
    this.key = key;
    this.unit = unit;
    this.lowerIsBetter = lowerIsBetter;
  }

  public String key() {
    return key;
  }

  public String unit() {
    return unit;
  }

  public boolean lowerIsBetter() {
    return lowerIsBetter;
  }

  public static Metric byKey(String key) {
    for (Metric m : values()) {
      if (m.key.equals(key)) return m;
    }
    throw new IllegalArgumentException("unknown metric '" + key + "'");
  }

  /** The default headline metric: E2E for generating models, forward latency for encoders. */
  public static Metric defaultHeadline(ModelShape shape) {
    return shape == ModelShape.ENCODER ? ENCODER_LATENCY : E2E;
  }

  public boolean appliesTo(ModelShape shape) {
    return shape == ModelShape.ENCODER ? key.startsWith("encoder_") : !key.startsWith("encoder_");
  }
}
