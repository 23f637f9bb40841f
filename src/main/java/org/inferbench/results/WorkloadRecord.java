package org.inferbench.results;

import java.util.Map;

/**
 * The configuration as it was run: every parameter that shapes the numbers (the config_key is derived from the
 * ones that define what was measured; run counts and ordering are recorded but not keyed).
 */
public record WorkloadRecord(
    String model,
    String modelConfigHash,
    Map<String, String> modelOptions,
    String dtype,
    String engine,
    Map<String, String> engineSettings,
    String shape,
    int batch,
    int prompt,
    int output,
    String promptSource,
    boolean includeTokenization,
    int warmup,
    Integer runs,
    Double targetCi,
    Integer minRuns,
    Integer maxRuns,
    Double maxTimeS,
    String headline,
    long seed,
    String order,
    String isolate) {}
