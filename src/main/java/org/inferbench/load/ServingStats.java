package org.inferbench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.inferbench.stats.Percentiles;
import org.inferbench.workload.Slo;

/**
 * The serving figures of one load run, by METRICS.md ("Serving"): per request TTFT (send → first chunk with
 * tokens), E2E (send → last chunk with tokens), TPOT ((E2E − TTFT) ÷ (tokens − 1)); ITL pooled over every gap
 * (a chunk of k tokens adds its gap once and k − 1 zeros); throughputs over the measured window; goodput under the
 * SLOs; errors by kind, never in the latency figures. The values stay in send order, so that the means' CIs can
 * be taken by batch means (requests under load are not independent: see {@link org.inferbench.stats.BatchMeans}).
 */
public record ServingStats(
    int completed,
    Map<String, Integer> errors,
    double windowS,
    double[] ttftMs,
    double[] tpotMs,
    double[] itlMs,
    double[] e2eMs,
    double[] lagMs,
    long outputTokens,
    long promptTokens,
    double requestsPerS,
    double outputTokensPerS,
    double totalTokensPerS,
    Double goodputPerS,
    Double goodShare) {

  /** @param slo the objectives for goodput, or null for none */
  public static ServingStats of(LoadRun run, Slo slo) {
    List<RequestTimes> ok = new ArrayList<>();
    Map<String, Integer> errors = new TreeMap<>();
    for (RequestTimes r : run.requests()) {
      if (r.ok()) ok.add(r);
      else errors.merge(r.error() == null ? "no tokens" : r.error(), 1, Integer::sum);
    }
    int n = ok.size();
    double[] ttft = new double[n];
    double[] tpot = new double[n];
    double[] e2e = new double[n];
    double[] lag = new double[run.requests().size()];
    List<Double> itl = new ArrayList<>();
    long tokens = 0;
    long prompts = 0;
    int good = 0;
    for (int i = 0; i < n; i++) {
      RequestTimes r = ok.get(i);
      long[] c = r.chunkNs();
      int out = r.outputTokens();
      tokens += out;
      prompts += r.promptTokens();
      ttft[i] = (c[0] - r.sendNs()) / 1e6;
      e2e[i] = (c[c.length - 1] - r.sendNs()) / 1e6;
      tpot[i] = out > 1 ? (e2e[i] - ttft[i]) / (out - 1) : Double.NaN;
      for (int k = 1; k < r.tokensPerChunk()[0]; k++) itl.add(0.0);
      for (int j = 1; j < c.length; j++) {
        itl.add((c[j] - c[j - 1]) / 1e6);
        for (int k = 1; k < r.tokensPerChunk()[j]; k++) itl.add(0.0);
      }
      if (slo != null && slo.met(ttft[i], tpot[i], e2e[i])) good++;
    }
    for (int i = 0; i < lag.length; i++) lag[i] = run.requests().get(i).lagNs() / 1e6;
    double window = run.windowS();
    double perS = window > 0 ? 1 / window : Double.NaN;
    return new ServingStats(n, errors, window, ttft, finite(tpot), itl.stream().mapToDouble(d -> d).toArray(), e2e,
        lag, tokens, prompts, n * perS, tokens * perS, (prompts + tokens) * perS, slo == null ? null : good * perS,
        slo == null || run.requests().isEmpty() ? null : (double) good / run.requests().size());
  }

  private static double[] finite(double[] v) {
    return java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
  }

  public static double p(double[] values, double percentile) {
    return values.length == 0 ? Double.NaN : Percentiles.of(values, percentile);
  }

  public int failed() {
    return errors.values().stream().mapToInt(Integer::intValue).sum();
  }
}
