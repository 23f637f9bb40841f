package org.inferbench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.inferbench.run.ModelPreparation;
import org.inferbench.run.Planner;
import org.inferbench.run.Runner;
import org.inferbench.workload.Grid;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.LabelledModel;
import org.inferbench.workload.Order;
import org.inferbench.workload.WorkloadBuilder;
import org.inferbench.workload.WorkloadSpec;

/**
 * InferBench as a library: describe a workload fluently, run it, get the result records (the same records the
 * command line appends to results.jsonl).
 *
 * <pre>{@code
 * List<ResultRecord> results = InferBench.workload()
 *     .model("demo").engine("calibration").engineOpt("step-us", "2000")
 *     .prompt(128).output(16).runs(10)
 *     .run();
 * }</pre>
 */
public final class InferBench {
  private final WorkloadBuilder b = new WorkloadBuilder();
  private Path resultsFile;

  private InferBench() {
    b.isolate = Isolation.NONE; // in-process by default in a library: the caller owns the JVM
  }

  public static InferBench workload() {
    return new InferBench();
  }

  public InferBench model(String... models) {
    b.models = Arrays.stream(models).map(LabelledModel::of).toList();
    return this;
  }

  public InferBench engine(String... engines) {
    b.engines = List.of(engines);
    return this;
  }

  /** Serving: requests in flight at all times (closed loop), each value a configuration. */
  public InferBench concurrency(Integer... streams) {
    b.concurrency = List.of(streams);
    return this;
  }

  /** Serving: requests per second (open loop), each value a configuration; arrivals "poisson", "constant", "gamma". */
  public InferBench requestRate(String arrival, Double... perSecond) {
    b.requestRate = List.of(perSecond);
    b.arrival = arrival;
    return this;
  }

  /** Serving: {@code sweep} or {@code sweep:N}, as GuideLLM's: the synchronous rate, the maximum, N rates between. */
  public InferBench loadSweep(String sweep) {
    b.loadSweep = sweep;
    return this;
  }

  /**
   * Serving: each load reaches its level over this time (closed loop: streams start spread over it; open loop: the
   * rate rises linearly from 0); requests sent during it are recorded but not in the statistics, like warm-up.
   */
  public InferBench rampUp(java.time.Duration ramp) {
    b.rampUpS = ramp.toNanos() / 1e9;
    return this;
  }

  /** Serving: a request not finished this long after its send is cancelled and counted as an error of kind timeout. */
  public InferBench requestTimeout(java.time.Duration timeout) {
    b.requestTimeoutS = timeout.toNanos() / 1e9;
    return this;
  }

  /** Serving: per-request objectives for goodput, e.g. {@code ttft=500ms,tpot=50ms}. */
  public InferBench slo(String objectives) {
    b.slo = objectives;
    return this;
  }

  /** An engine setting; several values are swept. */
  public InferBench engineOpt(String key, String... values) {
    b.engineOpts.put(key, List.of(values));
    return this;
  }

  public InferBench batch(Integer... sizes) {
    b.batch = List.of(sizes);
    return this;
  }

  public InferBench prompt(Integer... lengths) {
    b.prompt = List.of(lengths);
    return this;
  }

  public InferBench output(Integer... lengths) {
    b.output = List.of(lengths);
    return this;
  }

  /**
   * Each request's prompt and output lengths drawn around the configuration's from the seed: {@code uniform:R}
   * (vLLM's range ratio), {@code normal:S} (standard deviation S × the length) or {@code fixed} (the default).
   */
  public InferBench lengthDist(String dist) {
    b.lengthDist = dist;
    return this;
  }

  /**
   * A recorded workload replayed in file order (cycling): JSON lines with {@code prompt} (text) or
   * {@code prompt_tokens} (a length), and {@code output_tokens}; instead of {@link #prompt} and {@link #output}.
   */
  public InferBench requestFile(Path file) {
    b.requestFile = file;
    return this;
  }

  public InferBench warmup(int requests) {
    b.warmup = requests;
    return this;
  }

  public InferBench runs(int requests) {
    b.runs = requests;
    return this;
  }

  /** Adaptive stopping: until the headline's 95 % CI half-width is within {@code percent} % of its mean. */
  public InferBench targetCi(double percent) {
    b.targetCi = percent;
    return this;
  }

  /** At least this many requests per configuration when adaptive (default 5). */
  public InferBench minRuns(int requests) {
    b.minRuns = requests;
    return this;
  }

  /**
   * The whole call within this time: every configuration gets its minimum runs, the rest goes where the headline's
   * CI is furthest from the target (see {@link #targetCi}); counted from the call to {@link #run}.
   */
  public InferBench timeBudget(java.time.Duration budget) {
    b.timeBudgetS = budget.toNanos() / 1e9;
    return this;
  }

  public InferBench seed(long seed) {
    b.seed = seed;
    return this;
  }

  /**
   * The salt of the prompts sent to a server (see {@link org.inferbench.workload.PromptStream}); by default a fresh
   * random one per run, as on the command line, so no run's prompts are in a server's prefix cache from an earlier
   * one. Two runs with the same salt and seed send the same prompts.
   */
  public InferBench promptSalt(long salt) {
    b.promptSalt = salt;
    return this;
  }

  public InferBench order(Order order) {
    b.order = order;
    return this;
  }

  /** Splits each configuration's requests over this many forks (worker processes, or rounds in this JVM). */
  public InferBench forks(int n) {
    b.forks = n;
    return this;
  }

  public InferBench isolate(Isolation isolation) {
    b.isolate = isolation;
    return this;
  }

  /** Also append each record to this JSONL file (and serving runs' timelines beside it), as the command line does. */
  public InferBench resultsFile(Path file) {
    this.resultsFile = file;
    return this;
  }

  public WorkloadSpec spec() {
    if (b.promptSalt == null) b.promptSalt = new java.security.SecureRandom().nextLong();
    return b.build(new WorkloadBuilder.Defaults(List.of(LabelledModel.of("demo")), List.of("calibration"),
        List.of(128), List.of(32), Isolation.NONE));
  }

  /** Checks the whole workload, then measures it; throws BadInputException before measuring on bad input. */
  public List<ResultRecord> run() throws Exception {
    WorkloadSpec spec = spec();
    var plans = new Planner().plan(Grid.expand(spec));
    for (var p : plans) {
      if (!p.runnable()) throw new org.inferbench.core.BadInputException(p.notApplicable());
    }
    var budget = spec.params().timeBudgetS() == null ? null
        : org.inferbench.run.TimeBudget.fromNow(spec.params().timeBudgetS(), 0);
    if (budget != null) {
      budget.checkFits(org.inferbench.run.TimeBudget.minimumSeconds(plans, spec.isolate() == Isolation.PROCESS,
          org.inferbench.run.PlanEstimate.fresh()));
    }
    ModelPreparation.prepare(plans, System.err);
    ResultStore store = resultsFile == null ? null : ResultStore.open(resultsFile);
    try {
      Runner.Sink sink = store == null ? r -> {} : store::append;
      var records = new org.inferbench.run.RecordBuilder(java.util.UUID.randomUUID().toString(), null);
      // serving runs' per-chunk timelines go next to the results file, as on the command line
      if (resultsFile != null) records.timelines(resultsFile.resolveSibling(resultsFile.getFileName() + ".timelines"));
      return new Runner(spec.isolate(), spec.order(), spec.seed(), records, sink, new Runner.Listener() {})
          .budget(budget, org.inferbench.run.PlanEstimate.fresh()).run(plans);
    } finally {
      if (store != null) store.close();
    }
  }
}
