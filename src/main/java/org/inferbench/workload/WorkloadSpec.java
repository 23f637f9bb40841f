package org.inferbench.workload;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a user asked for, after the file and the flags were merged and defaults applied. Its expansion
 * into configurations is {@link Grid}.
 *
 * @param engineOpts engine settings; a key with several values is swept like any other axis
 * @param loads the load axis (serving benchmarks); empty: one request at a time
 * @param params what every configuration of the workload runs with (counts, stopping, seed, prompts)
 * @param results the results file appended to
 * @param question what a sweep is asked to answer (its report's heading), or null
 */
public record WorkloadSpec(
    List<LabelledModel> models,
    List<String> engines,
    Map<String, List<String>> engineOpts,
    List<Integer> batch,
    List<Integer> prompt,
    List<Integer> output,
    List<Case> cases,
    List<Load> loads,
    RunParams params,
    Path results,
    Order order,
    Isolation isolate,
    String question) {
  public WorkloadSpec {
    models = List.copyOf(models);
    engines = List.copyOf(engines);
    engineOpts = Map.copyOf(engineOpts);
    batch = List.copyOf(batch);
    prompt = List.copyOf(prompt);
    output = List.copyOf(output);
    cases = List.copyOf(cases);
    loads = List.copyOf(loads);
  }

  public boolean adaptive() {
    return params.targetCi() != null;
  }

  public long seed() {
    return params.seed();
  }

  /** The (prompt, output) pairs measured: the explicit cases, or else every prompt with every output. */
  public List<Case> lengthCases() {
    if (!cases.isEmpty()) return cases;
    List<Case> all = new java.util.ArrayList<>();
    for (int p : prompt) {
      for (int o : output) all.add(new Case(p, o));
    }
    return all;
  }
}
