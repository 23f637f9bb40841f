package org.inferbench.workload;

import java.nio.file.Path;

/**
 * The run parameters every cell of a workload shares (not part of the config_key, except where they change what a
 * request asks for: the prompt source, a length distribution, a request file).
 *
 * @param runs fixed number of measured requests, or null when adaptive ({@code targetCi} set)
 * @param targetCi adaptive stopping: the 95 % CI half-width of the headline mean within this many percent
 * @param headline metric key, or null for the default of each model's shape
 * @param order and {@code isolate}: as recorded in results
 * @param timeBudgetS the whole command's time budget (adaptive runs share it), or null for none
 * @param pinCpus the CPU list workers run on ({@code taskset -c}), or null for any
 * @param slo per-request objectives for goodput ({@code ttft=500ms,tpot=50ms}), or null
 * @param lengthDist how each request's lengths spread around the configuration's, or null for exactly those
 * @param requestFile a recorded workload whose lines the requests replay, or null
 * @param forks how many forks (worker processes; rounds in this JVM under {@code --isolate none}) a configuration's
 *     requests are split over, a minimum when adaptive; null for the default ({@link #DEFAULT_FORKS}; 1 under a
 *     time budget)
 * @param promptSalt the run's salt of the prompts a server is sent (see {@link PromptStream}): random per run, or a
 *     recorded run's ({@code --replay}); null for none (0)
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
    String slo,
    LengthDist lengthDist,
    RequestFile requestFile,
    Integer forks,
    Long promptSalt) {
  /**
   * Forks unless told otherwise: enough that Student's t over the fork means has 4 degrees of freedom (t = 2.78; at
   * 3 forks t = 4.30 and the expected interval is 1.9× as wide, at 10 forks 0.6× for twice the forks' cost).
   */
  public static final int DEFAULT_FORKS = 5;

  /** A copy with the forks given (null: the default). */
  public RunParams withForks(Integer f) {
    return new RunParams(warmup, runs, targetCi, minRuns, maxRuns, maxTimeS, headline, seed, promptText, promptFile,
        includeTokenization, stopAtEos, order, isolate, timeBudgetS, pinCpus, slo, lengthDist, requestFile, f,
        promptSalt);
  }

  /**
   * The forks a configuration is measured in: as given, else 1 under a time budget, else {@link #DEFAULT_FORKS} (or
   * the environment's {@code INFERBENCH_DEFAULT_FORKS}: the test suite's 1, so that tests not about forks, and the
   * runs they start in child JVMs, do not pay for five worker processes each).
   */
  public int forkCount() {
    if (forks != null) return forks;
    if (timeBudgetS != null) return 1;
    String env = System.getenv("INFERBENCH_DEFAULT_FORKS");
    return env != null && env.matches("[1-9][0-9]{0,3}") ? Integer.parseInt(env) : DEFAULT_FORKS;
  }

  public String promptSource() {
    if (promptText != null) return "text:" + Integer.toHexString(promptText.hashCode());
    if (promptFile != null) return "file:" + promptFile.getFileName();
    return "random:seed=" + seed;
  }

  /** The longest prompt a request of a configuration with this nominal prompt can ask for (to size a context). */
  public int longestPrompt(int nominal) {
    if (requestFile != null) return requestFile.longestPrompt();
    return lengthDist != null ? lengthDist.longest(nominal) : nominal;
  }

  /** The longest output a request can ask for; an encoder's 0 stays 0. */
  public int longestOutput(int nominal) {
    if (nominal == 0) return 0;
    if (requestFile != null) return requestFile.longestOutput();
    return lengthDist != null ? lengthDist.longest(nominal) : nominal;
  }

  /**
   * How the lengths vary, for labels: the distribution ({@code uniform:0.25}) or the request file
   * ({@code requests:chat.jsonl}); null when every request asks for the configuration's lengths.
   */
  public String lengthsLabel() {
    if (requestFile != null) return "requests:" + requestFile.path().getFileName();
    return lengthDist != null ? lengthDist.label() : null;
  }
}
