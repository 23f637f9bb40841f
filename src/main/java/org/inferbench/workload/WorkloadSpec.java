package org.inferbench.workload;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a user asked for, after the file and the flags were merged and defaults applied. Its expansion
 * into configurations is {@link Grid}.
 *
 * @param engineOpts engine settings; a key with several values is swept like any other axis
 * @param runs fixed number of measured requests, or null when adaptive ({@code targetCi} set)
 * @param targetCi adaptive stopping: the 95 % CI half-width of the headline mean within this many percent
 * @param headline metric key, or null for the default of each model's shape
 */
public record WorkloadSpec(
    List<ModelEntry> models,
    List<String> engines,
    Map<String, List<String>> engineOpts,
    List<Integer> batch,
    List<Integer> prompt,
    List<Integer> output,
    List<Case> cases,
    int warmup,
    Integer runs,
    Double targetCi,
    int minRuns,
    int maxRuns,
    double maxTimeS,
    String headline,
    long seed,
    Path results,
    Order order,
    Isolation isolate,
    String promptText,
    Path promptFile,
    boolean includeTokenization,
    boolean stopAtEos) {
  public WorkloadSpec {
    models = List.copyOf(models);
    engines = List.copyOf(engines);
    engineOpts = Map.copyOf(engineOpts);
    batch = List.copyOf(batch);
    prompt = List.copyOf(prompt);
    output = List.copyOf(output);
    cases = List.copyOf(cases);
  }

  public boolean adaptive() {
    return targetCi != null;
  }
}
