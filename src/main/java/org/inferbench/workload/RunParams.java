package org.inferbench.workload;

import java.nio.file.Path;

/**
 * The run parameters every cell of a workload shares (not part of the config_key).
 *
 * @param runs fixed number of measured requests, or null when adaptive ({@code targetCi} set)
 * @param targetCi adaptive stopping: the 95 % CI half-width of the headline mean within this many percent
 * @param headline metric key, or null for the default of each model's shape
 * @param order and {@code isolate}: as recorded in results
 * @param timeBudgetS the whole command's time budget (adaptive runs share it), or null for none
 * @param pinCpus the CPU list workers run on ({@code taskset -c}), or null for any
 * @param slo per-request objectives for goodput ({@code ttft=500ms,tpot=50ms}), or null
 */
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
    String isolate,
    Double timeBudgetS,
    String pinCpus,
    String slo) {
  public String promptSource() {
    if (promptText != null) return "text:" + Integer.toHexString(promptText.hashCode());
    if (promptFile != null) return "file:" + promptFile.getFileName();
    return "random:seed=" + seed;
  }
}
