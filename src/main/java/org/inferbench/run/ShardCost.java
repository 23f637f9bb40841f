package org.inferbench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a shard's share of a grid is expected to cost, in the time budget's terms ({@link TimeBudget#minimumSeconds}):
 * each configuration its warm-up and minimum runs, and each loaded model (model, engine and settings) a shard holds
 * its preparation, load and one cold request — once per shard that holds it, which is what splitting a model costs.
 * When every configuration gets a worker JVM of its own (process isolation without a budget), the worker start and
 * the model's load belong to the configuration instead, and only the preparation to the model.
 */
final class ShardCost {
  /** Per plan, in grid order: its own cost, and the loaded model it belongs to. */
  final double[] plan;
  final int[] group;
  /** Per loaded model: what a shard pays once for holding any of its configurations. */
  final double[] perGroup;

  private ShardCost(double[] plan, int[] group, double[] perGroup) {
    this.plan = plan;
    this.group = group;
    this.perGroup = perGroup;
  }

  /**
   * @param workers configurations run in worker JVMs ({@code --isolate process})
   * @param workerPerConfiguration each configuration starts its own worker and loads its model (no time budget)
   */
  static ShardCost of(List<Plan> plans, PlanEstimate estimate, boolean workers, boolean workerPerConfiguration) {
    double[] perRequest = new double[plans.size()];
    double sum = 0;
    int known = 0;
    for (int i = 0; i < plans.size(); i++) {
      perRequest[i] = plans.get(i).runnable() ? estimate.secondsPerRequest(plans.get(i)) : 0;
      if (plans.get(i).runnable() && Double.isFinite(perRequest[i])) {
        sum += perRequest[i];
        known++;
      }
    }
    // as the budget does: a configuration nothing can estimate counts as the mean of the others
    double mean = known > 0 ? sum / known : 1;
    for (int i = 0; i < plans.size(); i++) if (!Double.isFinite(perRequest[i])) perRequest[i] = mean;

    Map<String, Integer> groups = new LinkedHashMap<>();
    List<Integer> firstOfGroup = new ArrayList<>();
    int[] group = new int[plans.size()];
    for (int i = 0; i < plans.size(); i++) {
      int g = groups.size();
      Integer had = groups.putIfAbsent(LoadWindows.loadedModelKey(plans.get(i)), g);
      if (had == null) firstOfGroup.add(-1);
      group[i] = had == null ? g : had;
      // the cold request: the group's first configuration the model can take
      if (firstOfGroup.get(group[i]) < 0 && plans.get(i).runnable()) firstOfGroup.set(group[i], i);
    }
    double[] open = new double[groups.size()];
    for (int i = 0; i < plans.size(); i++) {
      if (plans.get(i).runnable()) open[group[i]] = Math.max(open[group[i]], estimate.openSeconds(plans.get(i)));
    }
    double worker = workers ? PlanEstimate.WORKER_START_S : 0;
    double[] plan = new double[plans.size()];
    for (int i = 0; i < plans.size(); i++) {
      Plan p = plans.get(i);
      if (!p.runnable()) continue; // recorded as n/a: costs nothing
      var params = p.configuration().params();
      int runs = params.runs() != null ? params.runs() : params.minRuns();
      plan[i] = perRequest[i] * (Math.max(1, params.warmup()) + runs);
      if (workerPerConfiguration) plan[i] += worker + open[group[i]] + perRequest[i];
    }
    double[] perGroup = new double[groups.size()];
    for (int g = 0; g < perGroup.length; g++) {
      int first = firstOfGroup.get(g);
      if (first < 0) continue; // none of it runs
      // preparation (synthesis, cache reads) is counted as a second load: nothing measures it beforehand
      perGroup[g] = open[g] + (workerPerConfiguration ? 0 : open[g] + worker + perRequest[first]);
    }
    return new ShardCost(plan, group, perGroup);
  }

  /** The estimated seconds of the plans whose index is set in {@code mine}. */
  double of(boolean[] mine) {
    double t = 0;
    boolean[] held = new boolean[perGroup.length];
    for (int i = 0; i < plan.length; i++) {
      if (!mine[i]) continue;
      t += plan[i];
      if (!held[group[i]]) {
        held[group[i]] = true;
        t += perGroup[group[i]];
      }
    }
    return t;
  }

  /** The whole grid on one machine. */
  double unsharded() {
    boolean[] all = new boolean[plan.length];
    java.util.Arrays.fill(all, true);
    return of(all);
  }
}
