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
        int tokens = Math.max(1, r.workload().output());
        out.put("TTFT", ttft);
        out.put("TPOT", Arrays.stream(e2e).map(v -> v / tokens).toArray());
        out.put("ITL", tpot);
        out.put("request latency", e2e);
      }
    }
    return out;
  }
}
