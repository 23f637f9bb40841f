package org.inferbench.run;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.inferbench.core.ModelShape;
import org.inferbench.results.Metric;

/**
 * Derives every per-request metric from the harness's token timestamps, exactly as METRICS.md defines them.
 * Offsets are nanoseconds from the request's start to each output token (for an encoder: one entry, the end of
 * its forward pass). The output count is the number of tokens actually produced (fewer than asked only with
 * --stop-at-eos), the prompt length each request's own (they differ under a length distribution or a request file).
 */
public final class MetricSamples {
  private static final double NS_PER_MS = 1e6;
  private static final double NS_PER_S = 1e9;

  private MetricSamples() {}

  public static Map<Metric, double[]> compute(ModelShape shape, int batch, List<MeasuredRequest> requests) {
    Map<Metric, double[]> out = new EnumMap<>(Metric.class);
    int n = requests.size();
    if (shape == ModelShape.ENCODER) {
      double[] lat = new double[n];
      double[] samples = new double[n];
      double[] tokens = new double[n];
      double[] perToken = new double[n];
      for (int i = 0; i < n; i++) {
        long ns = requests.get(i).offsets()[0];
        int prompt = requests.get(i).promptTokens();
        lat[i] = ns / NS_PER_MS;
        samples[i] = batch / (ns / NS_PER_S);
        tokens[i] = (double) batch * prompt / (ns / NS_PER_S);
        perToken[i] = lat[i] / ((double) batch * prompt);
      }
      out.put(Metric.ENCODER_LATENCY, lat);
      out.put(Metric.ENCODER_SAMPLES_THROUGHPUT, samples);
      out.put(Metric.ENCODER_TOKENS_THROUGHPUT, tokens);
      out.put(Metric.ENCODER_LATENCY_PER_TOKEN, perToken);
      return out;
    }
    double[] ttft = new double[n];
    double[] e2e = new double[n];
    double[] prefill = new double[n];
    double[] overall = new double[n];
    List<Double> tpot = new ArrayList<>();
    List<Double> decode = new ArrayList<>();
    List<Double> itl = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long[] t = requests.get(i).offsets();
      int prompt = requests.get(i).promptTokens();
      int produced = t.length;
      long first = t[0];
      long last = t[produced - 1];
      ttft[i] = first / NS_PER_MS;
      e2e[i] = last / NS_PER_MS;
      prefill[i] = (double) batch * prompt / (first / NS_PER_S);
      overall[i] = (double) batch * produced / (last / NS_PER_S);
      long decodeNs = last - first;
      // A streamed chunk can deliver every token at once: no decode interval, so no TPOT or decode rate.
      if (produced >= 2 && decodeNs > 0) {
        tpot.add(decodeNs / NS_PER_MS / (produced - 1));
        decode.add((double) batch * (produced - 1) / (decodeNs / NS_PER_S));
        for (int k = 1; k < produced; k++) itl.add((t[k] - t[k - 1]) / NS_PER_MS);
      }
    }
    out.put(Metric.TTFT, ttft);
    out.put(Metric.E2E, e2e);
    out.put(Metric.PREFILL_THROUGHPUT, prefill);
    out.put(Metric.OVERALL_THROUGHPUT, overall);
    if (!tpot.isEmpty()) {
      out.put(Metric.TPOT, unbox(tpot));
      out.put(Metric.DECODE_THROUGHPUT, unbox(decode));
      out.put(Metric.ITL, unbox(itl));
    }
    return out;
  }

  /** The headline metric of one request (for adaptive stopping); NaN when it has none (TPOT with one token). */
  public static double headlineOf(Metric headline, ModelShape shape, int batch, MeasuredRequest request) {
    double[] v = compute(shape, batch, List.of(request)).get(headline);
    if (v == null || v.length == 0) return Double.NaN;
    if (headline == Metric.ITL) {
      double s = 0;
      for (double x : v) s += x;
      return s / v.length;
    }
    return v[0];
  }

  private static double[] unbox(List<Double> l) {
    double[] a = new double[l.size()];
    for (int i = 0; i < a.length; i++) a[i] = l.get(i);
    return a;
  }
}
