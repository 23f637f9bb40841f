package org.inferbench.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.inferbench.results.Metric;
import org.inferbench.results.ResultRecord;

/**
 * The same requests' figures under another serving tool's names and definitions (METRICS.md's table), so numbers
 * can be set beside that tool's without mistakes: vLLM's ITL and AIPerf's ICL are per chunk (a multi-token chunk's
 * gap once, no zeros), AIPerf's "ITL" is InferBench's TPOT, GuideLLM's TPOT includes the first token (E2E ÷ tokens)
 * and its ITL is the per-request average gap (InferBench's TPOT). All come from the record's raw samples.
 */
public enum ToolNames {
  VLLM,
  AIPERF,
  GUIDELLM;

  public static ToolNames parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--metric-names: expected vllm, aiperf or guidellm, got '" + text + "'");
    }
  }

  /** The tool's name for each figure, with its per-request (or per-gap) values in ms; empty for a failed record. */
  public Map<String, double[]> figures(ResultRecord r) {
    Map<String, double[]> out = new LinkedHashMap<>();
    if (!r.ok() || r.samples() == null) return out;
    double[] ttft = r.samples().getOrDefault(Metric.TTFT.key(), new double[0]);
    double[] tpot = r.samples().getOrDefault(Metric.TPOT.key(), new double[0]);
    double[] e2e = r.samples().getOrDefault(Metric.E2E.key(), new double[0]);
    // a multi-token chunk's tokens after its first arrive with a gap of 0: without them, the gaps are per chunk
    double[] perChunk = Arrays.stream(r.samples().getOrDefault(Metric.ITL.key(), new double[0])).filter(g -> g > 0).toArray();
    switch (this) {
      case VLLM -> {
        out.put("TTFT", ttft);
        out.put("TPOT", tpot);
        out.put("ITL", perChunk);
        out.put("E2EL", e2e);
      }
      case AIPERF -> {
        out.put("TTFT", ttft);
        out.put("ITL", tpot);
        out.put("ICL", perChunk);
        out.put("request latency", e2e);
      }
      case GUIDELLM -> {
        out.put("TTFT", ttft);
        out.put("TPOT", perToken(r, e2e));
        out.put("ITL", tpot);
        out.put("request latency", e2e);
      }
    }
    return out;
  }

  /** Each request's E2E over its own output tokens where requests varied, else over the workload's output. */
  private static double[] perToken(ResultRecord r, double[] e2e) {
    double[] out = new double[e2e.length];
    var counts = r.requestTokens() != null && r.requestTokens().output().size() == e2e.length
        ? r.requestTokens().output() : null;
    for (int i = 0; i < e2e.length; i++) {
      out[i] = e2e[i] / Math.max(1, counts != null ? counts.get(i) : r.workload().output());
    }
    return out;
  }
}
