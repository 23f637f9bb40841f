package org.inferbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.SettingRole;
import org.inferbench.workload.Case;
import org.inferbench.workload.Durations;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.RoleKeys;
import org.inferbench.workload.Lengths;
import org.inferbench.workload.LabelledModel;
import org.inferbench.workload.LengthDist;
import org.inferbench.workload.Load;
import org.inferbench.workload.Order;
import org.inferbench.workload.WorkloadBuilder;
import org.inferbench.workload.WorkloadFile;
import picocli.CommandLine.Option;

/** The workload flags shared by {@code run}, {@code sweep} and {@code compare-kv}; flags override the file. */
public final class WorkloadOptions {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Workload YAML file (flags override it).")
  Path config;

  @Option(names = "--model", paramLabel = "NAME|DIR[,...]", split = ",",
      description = "Model preset, export directory, or label (calibration engine); a list is swept.")
  List<String> models;

  @Option(names = "--model-config", paramLabel = "FILE", description = "A Hugging Face config.json for the model.")
  Path modelConfig;

  @Option(names = "--model-opt", paramLabel = "KEY=VALUE", description = "Override a model config field (a different model: its key changes).")
  List<String> modelOpts;

  @Option(names = "--engine", paramLabel = "NAME[,...]", split = ",", completionCandidates = EngineNames.class,
      description = "Engine(s): ${COMPLETION-CANDIDATES} (default onnx; `inferbench engines` lists each one's settings).")
  List<String> engines;

  @Option(names = "--engine-opt", paramLabel = "KEY=VALUE[,VALUE...]",
      description = "Engine setting; a comma list is swept (e.g. threads=1,2). Repeatable.")
  List<String> engineOpts;

  @Option(names = "--threads", paramLabel = "N[,N...]", description = "Compute threads, whatever each engine calls the setting (its threads role).")
  String threads;

  @Option(names = "--no-kv-cache", description = "Decode without a KV cache, on engines that can (their kv-cache role set to off).")
  boolean noKvCache;

  @Option(names = "--batch", paramLabel = "N[,N...]", description = "Batch sizes (default 1).")
  String batch;

  @Option(names = "--concurrency", paramLabel = "N[,N...]",
      description = "Serving: requests in flight at all times (closed loop), each value a configuration.")
  String concurrency;

  @Option(names = "--request-rate", paramLabel = "R[,R...]|inf",
      description = "Serving: requests sent per second whatever is in flight (open loop); inf sends all at once.")
  String requestRate;

  @Option(names = "--arrival", paramLabel = "poisson|constant|gamma",
      description = "Serving: how open-loop requests arrive (default poisson).")
  String arrival;

  @Option(names = "--burstiness", paramLabel = "B",
      description = "Serving: gamma arrivals' shape; 1 is Poisson, below 1 burstier (default 1).")
  Double burstiness;

  @Option(names = "--max-concurrency", paramLabel = "N",
      description = "Serving: at most this many requests in flight under a request rate (default: no limit).")
  Integer maxConcurrency;

  @Option(names = "--metric-names", paramLabel = "vllm|aiperf|guidellm",
      description = "Also print the figures under that tool's names and definitions (METRICS.md).")
  String metricNames;

  @Option(names = "--load", paramLabel = "sweep[:N]",
      description = "Serving: find the synchronous rate and the maximum throughput, then measure N rates between"
          + " (default 5), as GuideLLM's sweep.")
  String loadSweep;

  @Option(names = "--ramp-up", paramLabel = "DURATION",
      description = "Serving: reach the load gradually over this time (streams start spread over it, or the rate rises"
          + " linearly from 0); its requests are recorded but not measured, like warm-up.")
  String rampUp;

  @Option(names = "--request-timeout", paramLabel = "DURATION",
      description = "Serving: cancel a request not finished this long after its send and count it as a timeout error.")
  String requestTimeout;

  @Option(names = "--slo", paramLabel = "ttft=D,tpot=D,e2e=D",
      description = "Serving: per-request objectives for goodput, e.g. ttft=500ms,tpot=50ms.")
  String slo;

  @Option(names = "--prompt", paramLabel = "N[,N...]", description = "Prompt lengths in tokens (encoders: sequence length).")
  String prompt;

  @Option(names = "--output", paramLabel = "N[,N...]", description = "Output lengths in tokens (ignored by encoders).")
  String output;

  @Option(names = "--length-dist", paramLabel = "fixed|uniform:R|normal:S",
      description = "Each request's prompt and output lengths drawn around --prompt/--output from the seed:"
          + " uniform:R within L(1-R)..L(1+R) (vLLM's range ratio), normal:S with sd S*L (default fixed).")
  String lengthDist;

  @Option(names = "--request-file", paramLabel = "FILE",
      description = "A recorded workload: JSON lines {\"prompt\": text or \"prompt_tokens\": N, \"output_tokens\": N},"
          + " replayed in file order (cycling); instead of --prompt/--output.")
  Path requestFile;

  @Option(names = "--case", paramLabel = "PROMPT:OUTPUT[,...]", split = ",",
      description = "Explicit prompt:output pairs instead of the cross product (a comma list, or repeated).")
  List<String> cases;

  @Option(names = "--warmup", paramLabel = "N", description = "Requests before measuring (default 2).")
  Integer warmup;

  @Option(names = "--runs", paramLabel = "N", description = "Measured requests per configuration (default 10).")
  Integer runs;

  @Option(names = "--target-ci", paramLabel = "PCT", description = "Adaptive: stop when the headline's 95%% CI half-width is within PCT %% of its mean.")
  Double targetCi;

  @Option(names = "--min-runs", paramLabel = "N", description = "Adaptive: at least N requests (default 5; 3 under --time-budget).")
  Integer minRuns;

  @Option(names = "--max-runs", paramLabel = "N", description = "Adaptive: at most N requests (default 200).")
  Integer maxRuns;

  @Option(names = "--max-time", paramLabel = "DURATION", description = "Adaptive: at most this long measuring one configuration (90s, 5m, 500ms; a bare number is seconds; default 120s, under --time-budget the budget).")
  String maxTime;

  @Option(names = "--time-budget", paramLabel = "DURATION", description = "The whole command within this time (90s, 5m, 1h): every point gets --min-runs, the rest goes where the headline's CI is furthest from --target-ci (default 2 %%). Not with --runs.")
  String timeBudget;

  @Option(names = "--pin-cpus", paramLabel = "LIST", description = "Run workers on these CPUs only (taskset -c syntax: 0,2-3); engines' thread defaults follow the set.")
  String pinCpus;

  @Option(names = "--headline", paramLabel = "METRIC", description = "Headline metric (default e2e; encoder_latency for encoders).")
  String headline;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the workload's randomness: prompts, jitter (default 42).")
  Long seed;

  @Option(names = "--server-cmd", paramLabel = "CMD", description = "openai engine: a server InferBench starts for"
      + " each configuration and stops after it: {port} (required; picked by InferBench), {model}, and {NAME} for each"
      + " --engine-opt server.NAME=V[,V...] (an axis). Repeat the flag to sweep commands; commas are kept.")
  List<String> serverCmds;

  @Option(names = "--replay", paramLabel = "RUN", description = "Send a recorded run's prompts to the server again"
      + " (its run_id, or the start of it, in --results): its prompt salt, and its seed unless --seed is given."
      + " Without it every run draws prompts no earlier run sent, so a server's prefix cache cannot answer them.")
  String replay;

  @Option(names = "--results", paramLabel = "FILE", description = "Results file, appended to (default results/results.jsonl).")
  Path results;

  @Option(names = "--forks", paramLabel = "N", description = "Split each configuration's requests over N forks: fresh"
      + " worker processes (rounds on the loaded model under --isolate none), taken in turns with the other"
      + " configurations; the CI of a mean is Student's t over the fork means (default 5; 1 under --time-budget).")
  Integer forks;

  @Option(names = "--order", paramLabel = "ORDER", description = "sequential | interleaved | shuffled: order of measured requests across configurations.")
  String order;

  @Option(names = "--isolate", paramLabel = "MODE", description = "process (a fresh JVM per configuration, the default) | none.")
  String isolate;

  @Option(names = "--prompt-text", paramLabel = "TEXT", description = "Prompt text, tokenized with the model's tokenizer and cut or repeated to each length.")
  String promptText;

  @Option(names = "--prompt-file", paramLabel = "FILE", description = "Prompts, one per line.")
  Path promptFile;

  @Option(names = "--include-tokenization", description = "Count tokenization inside TTFT.")
  boolean includeTokenization;

  @Option(names = "--stop-at-eos", description = "End a request at the end-of-sequence token (default: exactly --output tokens).")
  boolean stopAtEos;

  /** Reads the file (if any; one builder per grid), then applies the flags over each. */
  List<WorkloadBuilder> toBuilders() throws BadInputException {
    List<WorkloadBuilder> all = config != null ? WorkloadFile.loadAll(config, new WorkloadBuilder())
        : List.of(new WorkloadBuilder());
    for (WorkloadBuilder b : all) applyFlags(b);
    // one salt for the whole run: its grids are arms of one comparison and get the same prompts
    Path file = all.get(0).results != null ? all.get(0).results : WorkloadBuilder.DEFAULT_RESULTS;
    PromptSalt salt = replay != null ? PromptSalt.replay(replay.strip(), file) : PromptSalt.fresh();
    for (WorkloadBuilder b : all) {
      b.promptSalt = salt.salt();
      if (b.seed == null && salt.seed() != null) b.seed = salt.seed();
    }
    return all;
  }

  private void applyFlags(WorkloadBuilder b) throws BadInputException {
    try {
      if (models != null) {
        Map<String, String> opts = parseModelOpts();
        List<LabelledModel> entries = new ArrayList<>();
        for (String m : models) entries.add(new LabelledModel(m.trim(), null, modelConfig, opts));
        b.models = entries;
      } else if (modelConfig != null || modelOpts != null) {
        if (b.models == null) throw new IllegalArgumentException("--model-config/--model-opt: give --model too");
        List<LabelledModel> entries = new ArrayList<>();
        for (LabelledModel e : b.models) {
          Map<String, String> opts = new LinkedHashMap<>(e.options());
          opts.putAll(parseModelOpts());
          entries.add(new LabelledModel(e.model(), null, modelConfig != null ? modelConfig : e.config(), opts));
        }
        b.models = entries;
      }
      if (engines != null) b.engines = engines.stream().map(String::trim).toList();
      if (engineOpts != null) engineOpts.forEach(b::engineOpt);
      // a command may hold commas: each flag is one value, never split as --engine-opt's values are
      if (serverCmds != null) b.engineOpts.put(RoleKeys.of(SettingRole.SERVER_COMMAND),
          serverCmds.stream().map(String::strip).toList());
      if (threads != null) b.engineOpt(RoleKeys.of(SettingRole.THREADS) + "=" + threads);
      if (noKvCache) b.engineOpt(RoleKeys.of(SettingRole.KV_CACHE) + "=off");
      if (batch != null) b.batch = Lengths.parseList("batch", batch);
      if (concurrency != null) b.concurrency = Lengths.parseList("concurrency", concurrency);
      if (requestRate != null) b.requestRate = Load.parseRates("--request-rate", requestRate);
      if (arrival != null) b.arrival = arrival.trim().toLowerCase(java.util.Locale.ROOT);
      if (burstiness != null) b.burstiness = burstiness;
      if (maxConcurrency != null) b.maxConcurrency = maxConcurrency;
      if (slo != null) b.slo = slo;
      if (loadSweep != null) b.loadSweep = loadSweep;
      if (rampUp != null) b.rampUpS = Durations.seconds("--ramp-up", rampUp);
      if (requestTimeout != null) b.requestTimeoutS = Durations.seconds("--request-timeout", requestTimeout);
      if (prompt != null) b.prompt = Lengths.parseList("prompt", prompt);
      if (output != null) {
        List<Integer> outs = new ArrayList<>();
        for (String s : output.split(",")) outs.add(Lengths.parseNonNegative("output", s));
        b.output = outs;
      }
      if (cases != null) b.cases = cases.stream().map(Case::parse).toList();
      if (lengthDist != null) {
        LengthDist.parse("--length-dist", lengthDist); // checked now, with the flag's name
        b.lengthDist = lengthDist;
      }
      if (requestFile != null) b.requestFile = requestFile;
      if (warmup != null) b.warmup = warmup;
      if (runs != null) b.runs = runs;
      // an adaptive flag replaces a file's fixed run count: flags override the file
      if (runs == null && (targetCi != null || timeBudget != null)) b.runs = null;
      if (targetCi != null) b.targetCi = targetCi;
      if (minRuns != null) b.minRuns = minRuns;
      if (maxRuns != null) b.maxRuns = maxRuns;
      if (maxTime != null) b.maxTimeS = Durations.seconds("--max-time", maxTime);
      if (timeBudget != null) b.timeBudgetS = Durations.seconds("--time-budget", timeBudget);
      if (pinCpus != null) b.pinCpus = pinCpus;
      if (headline != null) b.headline = headline;
      if (seed != null) b.seed = seed;
      if (results != null) b.results = results;
      if (forks != null) b.forks = forks;
      if (order != null) b.order = Order.parse(order);
      if (isolate != null) b.isolate = Isolation.parse(isolate);
      if (promptText != null) b.promptText = promptText;
      if (promptFile != null) b.promptFile = promptFile;
      if (includeTokenization) b.includeTokenization = true;
      if (stopAtEos) b.stopAtEos = true;
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  private Map<String, String> parseModelOpts() {
    Map<String, String> opts = new LinkedHashMap<>();
    if (modelOpts == null) return opts;
    for (String o : modelOpts) {
      int eq = o.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("--model-opt: expected key=value, got '" + o + "'");
      opts.put(o.substring(0, eq).trim(), o.substring(eq + 1).trim());
    }
    return opts;
  }
}
