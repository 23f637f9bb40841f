package org.inferbench.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.inferbench.core.BadInputException;
import org.inferbench.report.ToolNames;
import org.inferbench.results.Json;
import org.inferbench.results.LineError;
import org.inferbench.results.LoadedResults;
import org.inferbench.results.ResultRecord;
import org.inferbench.results.ResultStore;
import org.inferbench.results.Status;
import org.inferbench.run.CpuPinning;
import org.inferbench.run.ModelPreparation;
import org.inferbench.run.Plan;
import org.inferbench.run.PlanEstimate;
import org.inferbench.run.Planner;
import org.inferbench.run.RecordBuilder;
import org.inferbench.run.Runner;
import org.inferbench.run.ShardPlan;
import org.inferbench.run.TimeBudget;
import org.inferbench.workload.Grid;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.WorkloadSpec;

/**
 * The shared body of {@code run} and {@code sweep}: expand, check everything before measuring, then measure
 * with each record appended durably the moment it is complete.
 */
final class RunPipeline {
  /** What the pipeline produced: the records of this invocation and the exit code. */
  record Outcome(List<ResultRecord> records, int exitCode) {}

  private final PrintStream out;
  private final PrintStream err;
  private ShardOptions.Resolved shard;
  private ClientOptions clients;
  private double endReserveS = 1;
  private ToolNames toolNames;

  /** Prints the figures again under that tool's names ({@code --metric-names}); null for none. */
  RunPipeline toolNames(String tool) throws BadInputException {
    try {
      this.toolNames = tool == null ? null : ToolNames.parse(tool);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    return this;
  }

  RunPipeline(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs only this shard's share of the grid (null: all of it); its records say which shard and host. */
  RunPipeline shard(ShardOptions.Resolved s) {
    this.shard = s;
    return this;
  }

  /** Loads driven from client processes ({@code --clients}); null for this JVM alone. */
  RunPipeline clients(ClientOptions c) {
    this.clients = c;
    return this;
  }

  /** Under a time budget, keep this much time back for what follows measuring (the sweep's report). */
  RunPipeline reserve(double seconds) {
    this.endReserveS = seconds;
    return this;
  }

  /**
   * A disk too full for the records is found before measuring, not after an hour of it: each configuration's record
   * holds every sample (per request TTFT, E2E and the like, per token the ITL), about 24 bytes each in JSON.
   */
  private static void checkFreeSpace(java.nio.file.Path results, List<Plan> plans) throws BadInputException {
    long need = 0;
    for (Plan p : plans) {
      var params = p.configuration().params();
      long requests = params.runs() != null ? params.runs() : params.maxRuns();
      need += 16_384 + 24L * requests * (8 + p.output());
    }
    try {
      java.nio.file.Path dir = results.toAbsolutePath().getParent();
      long free = java.nio.file.Files.getFileStore(dir).getUsableSpace();
      if (free < need) {
        throw new BadInputException(String.format(Locale.ROOT, "--results %s: %.1f MB free on its disk, the %d "
            + "configurations' records need up to %.1f MB", results, free / 1e6, plans.size(), need / 1e6));
      }
    } catch (java.io.IOException e) {
      throw new BadInputException("--results " + results + ": cannot tell the free space (" + e.getMessage() + ")");
    }
  }

  /** Estimates that use what the results file already holds for these configurations on this machine. */
  private PlanEstimate estimates(WorkloadSpec spec) {
    if (!java.nio.file.Files.exists(spec.results())) return PlanEstimate.fresh();
    try {
      return PlanEstimate.from(ResultStore.read(spec.results()).records());
    } catch (java.io.IOException | RuntimeException e) {
      err.println("inferbench: estimates without earlier results (" + e.getMessage() + ")");
      return PlanEstimate.fresh();
    }
  }

  /**
   * A shard the split left empty still writes its (empty) results file, so the fleet's merge finds one file per
   * shard and a missing file always means a task that did not run.
   */
  private Outcome nothingToDo(WorkloadSpec spec) throws BadInputException {
    try {
      ResultStore.checkWritable(spec.results());
      try (ResultStore store = ResultStore.open(spec.results())) {
        for (String w : store.warnings()) err.println("inferbench: " + w);
      }
    } catch (java.io.IOException e) {
      throw new BadInputException("--results " + spec.results() + ": not writable (" + e.getMessage() + ")");
    }
    out.println("shard " + shard.shard().label() + ": nothing to do; " + spec.results() + " holds no record of it");
    return new Outcome(List.of(), ExitCodes.OK);
  }

  /**
   * @param naAllowed record cells the model or engine cannot take as n/a (sweep) instead of refusing the input
   */
  Outcome execute(List<WorkloadSpec> specs, boolean naAllowed, boolean dryRun, boolean resume, OutputFormat format)
      throws Exception {
    // results, order, isolation and seed belong to the whole invocation: the first grid holds them
    WorkloadSpec spec = specs.get(0);
    List<Plan> plans = new Planner().plan(Grid.expand(specs));
    if (!naAllowed) {
      for (Plan p : plans) {
        if (!p.runnable()) throw new BadInputException(p.notApplicable() + " [" + p.label() + "]");
      }
    }
    ShardPlan split = null;
    if (shard != null) {
      int all = plans.size();
      boolean workers = spec.isolate() == Isolation.PROCESS;
      // without a budget every configuration gets a worker of its own; under one, each model one worker
      split = ShardPlan.of(plans, shard.shard().count(), PlanEstimate.reference(shard.estimates(), ShardPlan.REFERENCE),
          shard.estimatesId(), workers, workers && spec.params().timeBudgetS() == null);
      plans = split.plans(shard.shard().index());
      err.print(ShardSplit.line(split, shard.shard(), all));
      if (dryRun) out.print(ShardSplit.table(split, shard.shard()));
      if (plans.isEmpty() && !dryRun) return nothingToDo(spec);
    }
    String pin = spec.params().pinCpus();
    if (pin != null) CpuPinning.check(pin);
    org.inferbench.run.ClientFleet fleet = clients == null ? null : clients.fleet(plans);
    TimeBudget budget = spec.params().timeBudgetS() == null ? null
        : TimeBudget.from(InferBenchCommand.commandStart(),
        spec.params().timeBudgetS(), endReserveS + 0.05 * plans.size());
    // only a budget and the dry run need estimates: a large results file is read only for them
    PlanEstimate estimate = budget != null || dryRun ? estimates(spec) : PlanEstimate.fresh();
    if (dryRun) {
      out.print(DryRun.render(plans, spec, budget, estimate));
      return new Outcome(List.of(), ExitCodes.OK);
    }
    boolean workers = spec.isolate() == Isolation.PROCESS;
    if (budget != null) budget.checkFits(TimeBudget.minimumSeconds(plans, workers, estimate));
    try {
      ResultStore.checkWritable(spec.results());
    } catch (java.io.IOException e) {
      throw new BadInputException("--results " + spec.results() + ": not writable (" + e.getMessage() + ")");
    }
    checkFreeSpace(spec.results(), plans);
    if (resume && java.nio.file.Files.exists(spec.results())) {
      LoadedResults existing = ResultStore.read(spec.results());
      for (LineError e : existing.errors()) err.println("inferbench: " + e);
      Set<String> done = existing.okConfigKeys();
      List<Plan> remaining = new ArrayList<>();
      for (Plan p : plans) {
        if (!done.contains(RecordBuilder.configKey(p))) remaining.add(p);
      }
      err.printf(Locale.ROOT, "resume: %d of %d configurations already measured in %s%n",
          plans.size() - remaining.size(), plans.size(), spec.results());
      plans = remaining;
    }
    ModelPreparation.prepare(plans, err);
    RecordBuilder recordBuilder = new RecordBuilder(UUID.randomUUID().toString(), MachineRoofs.forPlans(plans, err))
        .timelines(spec.results().resolveSibling(spec.results().getFileName() + ".timelines"))
        .shard(shard == null ? null : shard.shard().label(), split == null ? null : split.grid(),
            split == null ? null : split.estimates());
    if (budget != null) budget.checkFits(TimeBudget.minimumSeconds(plans, workers, estimate));
    if (pin != null && !workers) CpuPinning.pinSelf(pin);
    List<ResultRecord> records;
    try (ResultStore store = ResultStore.open(spec.results()); Progress progress = Progress.start(plans, spec, err)) {
      for (String w : store.warnings()) err.println("inferbench: " + w);
      Runner runner = new Runner(spec.isolate(), spec.order(), spec.seed(), recordBuilder,
          MidLineStall.wrap(store::append, spec.results()), progress).budget(budget, estimate).clients(fleet);
      records = runner.run(plans);
    }
    if (format == OutputFormat.JSON) {
      for (ResultRecord r : records) out.println(Json.mapper().writeValueAsString(r));
    } else if (format == OutputFormat.CSV) {
      java.io.Writer w = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
      org.inferbench.results.CsvExport.write(records, w);
      w.flush();
    } else if (!records.isEmpty()) {
      out.print(SummaryTable.render(records));
      if (toolNames != null) out.print(ToolNamesTable.render(records, toolNames));
      if (budget != null) out.print(BudgetSummary.render(records, budget));
      out.println("results appended to " + spec.results());
    }
    boolean failed = records.stream().anyMatch(r -> r.status() == Status.FAILED);
    return new Outcome(records, failed ? ExitCodes.SOME_FAILED : ExitCodes.OK);
  }
}
