package org.inferbench.cli;

import java.util.Locale;
import org.inferbench.report.table.BoxTable;
import org.inferbench.run.Shard;
import org.inferbench.run.ShardPlan;
import org.inferbench.workload.Durations;

/** How a grid was split between shards, as a line for every shard's log and a table for --dry-run. */
final class ShardSplit {
  private ShardSplit() {}

  static String line(ShardPlan split, Shard shard, int all) {
    int i = shard.index();
    return String.format(Locale.ROOT, "shard %s: %d of %d configurations, %d model(s), estimated %s of the "
        + "unsharded %s (%.0f %%; slowest shard %.0f %%; estimates %s)%n", shard.label(), split.plans(i).size(), all,
        split.models(i), Durations.format(split.seconds(i)), Durations.format(split.unshardedSeconds()),
        pct(split.seconds(i), split), pct(split.slowestSeconds(), split), split.estimates());
  }

  static String table(ShardPlan split, Shard shard) {
    BoxTable t = new BoxTable("shard", "configurations", "models", "estimate", "of unsharded", "");
    for (int s = 0; s < split.count(); s++) {
      StringBuilder configs = new StringBuilder();
      for (var p : split.plans(s)) configs.append(configs.isEmpty() ? "" : ", ").append(p.configuration().index() + 1);
      t.row(s + "/" + split.count(), configs.isEmpty() ? "(none)" : "#" + configs, split.models(s),
          Durations.format(split.seconds(s)), String.format(Locale.ROOT, "%.0f %%", pct(split.seconds(s), split)),
          s == shard.index() ? "this one" : "");
    }
    return "the split between shards (grid " + split.grid() + ", estimates " + split.estimates() + "):\n" + t.render();
  }

  private static double pct(double seconds, ShardPlan split) {
    return split.unshardedSeconds() > 0 ? 100 * seconds / split.unshardedSeconds() : 0;
  }
}
