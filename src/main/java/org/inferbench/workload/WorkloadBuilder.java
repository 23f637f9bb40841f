package org.inferbench.workload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a workload from a YAML file and then from flags (later values override earlier ones), then applies
 * defaults. Every field is null until somebody sets it, so "not given" and "given the default" differ.
 */
public final class WorkloadBuilder {
  /** Where results go, and where the commands that read results look, when no file is named. */
  public static final Path DEFAULT_RESULTS = Path.of("results", "results.jsonl");
  /** The headline's 95 % CI half-width (percent of the mean) a time budget aims at when no --target-ci is given. */
  public static final double DEFAULT_BUDGET_TARGET_CI = 2.0;
  /** Every configuration's minimum under a time budget when no --min-runs is given. */
  public static final int DEFAULT_BUDGET_MIN_RUNS = 3;

  public List<LabelledModel> models;
  public List<String> engines;
  public final Map<String, List<String>> engineOpts = new LinkedHashMap<>();
  public List<Integer> batch;
  public List<Integer> prompt;
  public List<Integer> output;
  public List<Case> cases;
  public Integer warmup;
  public Integer runs;
  public Double targetCi;
  public Integer minRuns;
  public Integer maxRuns;
  public Double maxTimeS;
  public String headline;
  public Long seed;
  public Path results;
  public Order order;
  public Isolation isolate;
  public String promptText;
  public Path promptFile;
  public Boolean includeTokenization;
  public Boolean stopAtEos;
  public Double timeBudgetS;
  public String pinCpus;
  public String question;
  public List<Integer> concurrency;
  public List<Double> requestRate;
  public String arrival;
  public Double burstiness;
  public Integer maxConcurrency;
  public String slo;
  public String loadSweep;
  public Double rampUpS;
  public Double requestTimeoutS;
  /** {@code fixed}, {@code uniform:R} or {@code normal:S}, as given; parsed when built. */
  public String lengthDist;
  public Path requestFile;
  public Integer forks;
  /** The run's prompt salt (set once for all of a run's grids by the command), or null. */
  public Long promptSalt;

  /** The values used when neither file nor flags give one. */
  public record Defaults(List<LabelledModel> models, List<String> engines, List<Integer> prompt, List<Integer> output,
      Isolation isolate) {}

  /** A copy whose later changes do not touch this one (a sweep file's grids start from its top level). */
  public WorkloadBuilder copy() {
    WorkloadBuilder c = new WorkloadBuilder();
    c.models = models;
    c.engines = engines;
    c.engineOpts.putAll(engineOpts);
    c.batch = batch;
    c.prompt = prompt;
    c.output = output;
    c.cases = cases;
    c.warmup = warmup;
    c.runs = runs;
    c.targetCi = targetCi;
    c.minRuns = minRuns;
    c.maxRuns = maxRuns;
    c.maxTimeS = maxTimeS;
    c.headline = headline;
    c.seed = seed;
    c.results = results;
    c.order = order;
    c.isolate = isolate;
    c.promptText = promptText;
    c.promptFile = promptFile;
    c.includeTokenization = includeTokenization;
    c.stopAtEos = stopAtEos;
    c.timeBudgetS = timeBudgetS;
    c.pinCpus = pinCpus;
    c.question = question;
    c.concurrency = concurrency;
    c.requestRate = requestRate;
    c.arrival = arrival;
    c.burstiness = burstiness;
    c.maxConcurrency = maxConcurrency;
    c.slo = slo;
    c.loadSweep = loadSweep;
    c.rampUpS = rampUpS;
    c.requestTimeoutS = requestTimeoutS;
    c.lengthDist = lengthDist;
    c.requestFile = requestFile;
    c.forks = forks;
    return c;
  }

  /** Parses {@code key=value[,value…]} as given to --engine-opt. */
  public void engineOpt(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) throw new IllegalArgumentException("--engine-opt: expected key=value[,value…], got '" + assignment + "'");
    String key = assignment.substring(0, eq).trim();
    List<String> values = new ArrayList<>();
    for (String v : assignment.substring(eq + 1).split(",")) {
      if (v.isBlank()) throw new IllegalArgumentException("--engine-opt " + key + ": empty value in '" + assignment + "'");
      values.add(v.trim());
    }
    engineOpts.put(key, values);
  }

  public WorkloadSpec build(Defaults d) {
    // under a budget a lower floor leaves more of the time to the allocator; Student's t keeps a noisy point going
    int minR = minRuns != null ? minRuns : timeBudgetS != null ? DEFAULT_BUDGET_MIN_RUNS : 5;
    int maxR = maxRuns != null ? maxRuns : 200;
    Integer fixedRuns = runs;
    Double target = targetCi;
    if (timeBudgetS != null) {
      if (runs != null) throw new IllegalArgumentException("time-budget: give either --runs (fixed) or --time-budget, not both");
      // a budget measures adaptively: the time left goes where the CI is furthest from this target
      if (target == null) target = DEFAULT_BUDGET_TARGET_CI;
    }
    if (target != null) {
      if (!(target > 0)) throw new IllegalArgumentException("target-ci: expected a percentage above 0, got " + target);
      if (runs != null) throw new IllegalArgumentException("runs: give either --runs (fixed) or --target-ci (adaptive), not both");
      if (minR < 2) throw new IllegalArgumentException("min-runs: expected at least 2, got " + minR);
      if (maxR < minR) throw new IllegalArgumentException("max-runs: expected at least min-runs (" + minR + "), got " + maxR);
    } else if (fixedRuns == null) {
      fixedRuns = 10;
    }
    if (fixedRuns != null && fixedRuns < 1) throw new IllegalArgumentException("runs: expected a positive integer, got " + fixedRuns);
    int w = warmup != null ? warmup : 2;
    if (w < 0) throw new IllegalArgumentException("warmup: expected 0 or more, got " + w);
    // under a budget one configuration may take what the allocator gives it, up to the whole budget
    double maxT = maxTimeS != null ? maxTimeS : timeBudgetS != null ? timeBudgetS : 120;
    if (!(maxT > 0)) throw new IllegalArgumentException("max-time: expected seconds above 0, got " + maxT);
    if (promptText != null && promptFile != null) {
      throw new IllegalArgumentException("prompt-text: give either --prompt-text or --prompt-file, not both");
    }
    if (promptFile != null && !java.nio.file.Files.isRegularFile(promptFile)) {
      // found now, not in a worker after the run started (issue 26)
      throw new IllegalArgumentException("--prompt-file " + promptFile + ": "
          + (java.nio.file.Files.exists(promptFile) ? "not a regular file" : "no such file")
          + " (expected a text file, one prompt per line)");
    }
    if (includeTokenization == Boolean.TRUE && promptText == null && promptFile == null) {
      throw new IllegalArgumentException("include-tokenization: needs text prompts (--prompt-text or --prompt-file)");
    }
    List<Case> cs = cases != null ? cases : List.of();
    if (!cs.isEmpty() && (prompt != null || output != null)) {
      throw new IllegalArgumentException("case: give either cases (PROMPT:OUTPUT pairs) or prompt/output lists, not both");
    }
    if (timeBudgetS != null && order == Order.SEQUENTIAL) {
      throw new IllegalArgumentException("order: a time budget has configurations take turns (interleaved or shuffled),"
          + " not sequential");
    }
    if (forks != null && forks < 1) throw new IllegalArgumentException("forks: expected 1 or more, got " + forks);
    if (forks != null && forks > 1 && timeBudgetS != null) {
      throw new IllegalArgumentException("forks: a time budget measures each configuration in one fork (its requests"
          + " go where the CI is furthest from the target); give either --forks or --time-budget");
    }
    LengthDist dist = lengthDist == null ? null : LengthDist.parse("length-dist", lengthDist);
    RequestFile file = requestFile == null ? null : requestFile(dist, cs);
    Order o = order != null ? order : timeBudgetS != null ? Order.INTERLEAVED : Order.SEQUENTIAL;
    Isolation iso = isolate != null ? isolate : d.isolate();
    RunParams params = new RunParams(w, fixedRuns, target, minR, maxR, maxT, headline, seed != null ? seed : 42L,
        promptText, promptFile, includeTokenization != null && includeTokenization, stopAtEos != null && stopAtEos,
        o.name().toLowerCase(), iso.name().toLowerCase(), timeBudgetS, pinCpus, slo, dist, file, forks, promptSalt);
    List<Load> loads = new ArrayList<>(loadSweep == null ? Load.axis(concurrency, requestRate, arrival, burstiness,
        maxConcurrency) : Load.axis(concurrency, requestRate, null, null, null));
    if (loadSweep != null) loads.add(Load.sweep("load", loadSweep, arrival, burstiness, maxConcurrency));
    if ((rampUpS != null || requestTimeoutS != null) && loads.isEmpty()) {
      // without a load requests run one at a time and a failed one fails its configuration: nothing to count it in
      throw new IllegalArgumentException((rampUpS != null ? "ramp-up" : "request-timeout")
          + ": applies to serving loads; give --concurrency, --request-rate or --load too");
    }
    loads.replaceAll(l -> l.withRampUp(rampUpS).withRequestTimeout(requestTimeoutS));
    if (slo != null) Slo.parse(slo); // checked now, one line naming the field
    return new WorkloadSpec(
        models != null ? models : d.models(),
        engines != null ? engines : d.engines(),
        engineOpts,
        batch != null ? batch : List.of(1),
        prompt != null ? prompt : file != null ? List.of(file.meanPrompt()) : d.prompt(),
        output != null ? output : file != null ? List.of(file.meanOutput()) : d.output(),
        cs,
        loads,
        params,
        results != null ? results : DEFAULT_RESULTS,
        o,
        iso,
        question);
  }

  /**
   * Reads the request file now, so that a bad line stops the run before anything is measured. The file gives every
   * request's lengths: lengths given besides it would be silently ignored, so they are refused.
   */
  private RequestFile requestFile(LengthDist dist, List<Case> cs) {
    if (dist != null) {
      throw new IllegalArgumentException("length-dist: a request file gives each request's lengths; give either"
          + " --length-dist or --request-file, not both");
    }
    if (prompt != null || output != null || !cs.isEmpty()) {
      throw new IllegalArgumentException("request-file: the file gives each request's prompt and output; leave out"
          + " prompt, output and cases");
    }
    if (promptText != null || promptFile != null) {
      throw new IllegalArgumentException("request-file: the file gives the prompts; give either --request-file or"
          + " --prompt-text/--prompt-file, not both");
    }
    try {
      return RequestFile.open(requestFile);
    } catch (org.inferbench.core.BadInputException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }
}
