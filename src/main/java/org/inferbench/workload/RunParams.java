package org.inferbench.workload;

import java.nio.file.Path;

/** The per-configuration run parameters shared by every cell of a workload (not part of the config_key). */
public record RunParams(
    int warmup,
    Integer runs,
    Double targetCi,
    int minRuns,
    int maxRuns,
    double maxTimeS,
    String headline,
    long seed,
    String promptText,
    Path promptFile,
    boolean includeTokenization,
    boolean stopAtEos,
    String order,
    String isolate) {
  public static RunParams of(WorkloadSpec s) {
    return new RunParams(s.warmup(), s.runs(), s.targetCi(), s.minRuns(), s.maxRuns(), s.maxTimeS(), s.headline(),
        s.seed(), s.promptText(), s.promptFile(), s.includeTokenization(), s.stopAtEos(),
        s.order().name().toLowerCase(), s.isolate().name().toLowerCase());
  }

  public String promptSource() {
    if (promptText != null) return "text:" + Integer.toHexString(promptText.hashCode());
    if (promptFile != null) return "file:" + promptFile.getFileName();
    return "random:seed=" + seed;
  }
}
