package org.inferbench.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.Engine;
import org.inferbench.engine.SettingRole;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.report.EngineComparison;
import org.inferbench.report.Report;
import org.inferbench.report.ResultSet;
import org.inferbench.results.ResultRecord;
import org.inferbench.workload.Case;
import org.inferbench.workload.Isolation;
import org.inferbench.workload.LabelledModel;
import org.inferbench.workload.Order;
import org.inferbench.workload.RoleKeys;
import org.inferbench.workload.WorkloadBuilder;
import org.inferbench.workload.WorkloadSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code inferbench compare-engines}: one model on two engines with the same prompt token ids and thread count,
 * the two arms of each weight pair and length interleaved request by request in their own worker processes, and per
 * phase the ratio with its bootstrap CI. Only the two arms of one cell are loaded at a time, so a large model on two
 * engines needs the memory of two workers, not of the whole grid.
 */
@Command(name = "compare-engines", mixinStandardHelpOptions = true,
    description = "Measure one model on two engines (same prompt token ids and threads, interleaved, one process per arm) and print per phase which is faster.")
final class CompareEnginesCommand implements Callable<Integer> {
  static final WorkloadBuilder.Defaults DEFAULTS = new WorkloadBuilder.Defaults(
      List.of(LabelledModel.of("gpt2")), List.of("onnx", "llamacpp"), List.of(128), List.of(64), Isolation.PROCESS);

  @Mixin
  WorkloadOptions workload;

  @Option(names = "--weights", paramLabel = "A:B[,A:B...]", split = ",",
      description = "Weight types side by side, the first engine's then the second's (e.g. fp32:F32,int8:Q8_0). "
          + "Default: the first engine's default beside the second's type of the nearest bytes per weight.")
  List<String> weights;

  @picocli.CommandLine.Mixin
  TableOptions table;

  @Override
  public Integer call() throws Exception {
    table.apply();
    List<WorkloadBuilder> builders = workload.toBuilders();
    if (builders.size() != 1) {
      throw new BadInputException("--config: compare-engines takes a workload of one grid, this file has "
          + builders.size());
    }
    WorkloadBuilder base = builders.get(0);
    WorkloadSpec spec = Inputs.build(List.of(base.copy()), DEFAULTS).get(0);
    if (spec.params().timeBudgetS() != null) {
      // one pipeline per model × pair × case: a budget would go to the first of them
      throw new BadInputException("--time-budget: compare-engines measures cell by cell; use --target-ci with "
          + "--max-time, or run and sweep with --engine A,B for a budget");
    }
    if (spec.engines().size() != 2 || spec.engines().get(0).equals(spec.engines().get(1))) {
      throw new BadInputException("--engine: compare-engines takes two different engines (e.g. onnx,llamacpp), got "
          + String.join(",", spec.engines()));
    }
    Engine a = EngineRegistry.get(spec.engines().get(0));
    Engine b = EngineRegistry.get(spec.engines().get(1));
    List<Case> cases = spec.lengthCases();
    List<ResultRecord> records = new ArrayList<>();
    int exit = ExitCodes.OK;
    // each cell's own summary would list both engines' settings side by side; the comparison below replaces it
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    for (LabelledModel model : spec.models()) {
      List<WeightPairs> pairs = weights != null ? WeightPairs.parse(weights)
          : List.of(WeightPairs.nearest(a, b, model.ref()));
      for (WeightPairs pair : pairs) {
        for (Case c : cases) {
          RunPipeline.Outcome o = new RunPipeline(quiet, System.err)
              .execute(List.of(cell(base, model, a, b, pair, c)), false, false, false, OutputFormat.TABLE);
          records.addAll(o.records());
          exit = Math.max(exit, o.exitCode());
        }
      }
    }
    Report.printTable(EngineComparison.table(EngineComparison.pairs(new ResultSet(records), spec.engines())), System.out);
    System.out.println("results appended to " + spec.results());
    return exit;
  }

  /** The two arms of one model, weight pair and length: a grid of exactly two configurations. */
  private static WorkloadSpec cell(WorkloadBuilder base, LabelledModel model, Engine a, Engine b, WeightPairs pair,
      Case c) throws BadInputException {
    WorkloadBuilder w = base.copy();
    w.models = List.of(model);
    w.engines = List.of(a.name(), b.name());
    w.cases = List.of(c);
    w.prompt = null;
    w.output = null;
    String role = RoleKeys.of(SettingRole.WEIGHT_TYPE);
    w.engineOpt(a.name() + "." + role + "=" + pair.first());
    w.engineOpt(b.name() + "." + role + "=" + pair.second());
    if (w.order == null) w.order = Order.INTERLEAVED; // each engine's settings for taking turns then apply
    return Inputs.build(List.of(w), DEFAULTS).get(0);
  }
}
