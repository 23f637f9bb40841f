package org.inferbench.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.inferbench.roofline.Roofline;

/**
 * How a grid is split between N shards, by estimated cost rather than by model: a pure function of the planned grid
 * and the estimates every node is given (never this machine's probe, timings or results file), so every node
 * computes the same split and each runs its own part. Whole loaded models are dealt largest first to the cheapest
 * shard; then, while it shortens the slowest shard, one configuration at a time moves off it — to a shard that
 * already holds its model, or to one that then pays for loading the model too ({@link ShardCost}).
 */
public final class ShardPlan {
  /**
   * The fixed reference machine whose roofs estimate a configuration nothing else can (20 GB/s, 100 GFLOP/s):
   * only ratios between configurations matter, and every node must use the same numbers.
   */
  public static final Roofline REFERENCE = new Roofline(20e9, 100e9);
  /** What the records name as their estimates when no {@code --estimates} file was given. */
  public static final String REFERENCE_ESTIMATES = "reference-roofline-v1";

  private final List<Plan> plans;
  private final int[] owner;
  private final double[] seconds;
  private final double unsharded;
  private final String estimates;
  private final ShardCost cost;

  private ShardPlan(List<Plan> plans, int[] owner, double[] seconds, ShardCost cost, String estimates) {
    this.plans = plans;
    this.owner = owner;
    this.seconds = seconds;
    this.cost = cost;
    this.unsharded = cost.unsharded();
    this.estimates = estimates;
  }

  /**
   * @param estimate the same on every node ({@link PlanEstimate#reference})
   * @param estimatesId what identifies those estimates (a file's hash, or {@link #REFERENCE_ESTIMATES})
   * @param workers configurations run in worker JVMs
   * @param workerPerConfiguration each configuration starts its own worker (no time budget)
   */
  public static ShardPlan of(List<Plan> plans, int count, PlanEstimate estimate, String estimatesId, boolean workers,
      boolean workerPerConfiguration) {
    if (count < 1) throw new IllegalArgumentException("shard count " + count + ": expected at least 1");
    ShardCost cost = ShardCost.of(plans, estimate, workers, workerPerConfiguration);
    int n = plans.size();
    int groups = cost.perGroup.length;
    int[] owner = new int[n];
    double[] load = new double[count];
    int[][] held = new int[count][groups]; // configurations of each loaded model per shard

    // whole loaded models first, largest first (equal ones in grid order), each to the cheapest shard
    double[] groupCost = cost.perGroup.clone();
    for (int i = 0; i < n; i++) groupCost[cost.group[i]] += cost.plan[i];
    List<Integer> order = new ArrayList<>();
    for (int g = 0; g < groups; g++) order.add(g);
    order.sort((a, b) -> Double.compare(groupCost[b], groupCost[a]));
    int[] groupOwner = new int[groups];
    for (int g : order) {
      int s = cheapest(load, -1);
      groupOwner[g] = s;
      load[s] += groupCost[g];
    }
    for (int i = 0; i < n; i++) {
      owner[i] = groupOwner[cost.group[i]];
      held[owner[i]][cost.group[i]]++;
    }

    // then single configurations off the slowest shard while that shortens it; each move lowers the sorted vector
    // of shard costs, so this ends (the bound only guards against rounding)
    for (int step = 0; step < 4 * n * count + 16; step++) {
      int slow = slowest(load);
      int bestPlan = -1;
      int bestTo = -1;
      double bestMax = load[slow] * (1 - 1e-9);
      for (int i = 0; i < n; i++) {
        if (owner[i] != slow) continue;
        int g = cost.group[i];
        double from = load[slow] - cost.plan[i] - (held[slow][g] == 1 ? cost.perGroup[g] : 0);
        for (int t = 0; t < count; t++) {
          if (t == slow) continue;
          double to = load[t] + cost.plan[i] + (held[t][g] == 0 ? cost.perGroup[g] : 0);
          double max = Math.max(from, to);
          if (max < bestMax) {
            bestMax = max;
            bestPlan = i;
            bestTo = t;
          }
        }
      }
      if (bestPlan < 0) break;
      int g = cost.group[bestPlan];
      load[slow] -= cost.plan[bestPlan] + (held[slow][g] == 1 ? cost.perGroup[g] : 0);
      load[bestTo] += cost.plan[bestPlan] + (held[bestTo][g] == 0 ? cost.perGroup[g] : 0);
      held[slow][g]--;
      held[bestTo][g]++;
      owner[bestPlan] = bestTo;
    }
    double[] seconds = new double[count];
    for (int s = 0; s < count; s++) seconds[s] = cost.of(mask(owner, s));
    return new ShardPlan(plans, owner, seconds, cost, estimatesId);
  }

  private static int cheapest(double[] load, int except) {
    int best = -1;
    for (int s = 0; s < load.length; s++) if (s != except && (best < 0 || load[s] < load[best])) best = s;
    return best;
  }

  private static int slowest(double[] load) {
    int worst = 0;
    for (int s = 1; s < load.length; s++) if (load[s] > load[worst]) worst = s;
    return worst;
  }

  private static boolean[] mask(int[] owner, int shard) {
    boolean[] m = new boolean[owner.length];
    for (int i = 0; i < owner.length; i++) m[i] = owner[i] == shard;
    return m;
  }

  public int count() {
    return seconds.length;
  }

  /** Shard {@code s}'s configurations, in grid order. */
  public List<Plan> plans(int s) {
    List<Plan> mine = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) if (owner[i] == s) mine.add(plans.get(i));
    return mine;
  }

  /** The loaded models (model, engine, settings) shard {@code s} holds. */
  public int models(int s) {
    return (int) java.util.stream.IntStream.range(0, plans.size()).filter(i -> owner[i] == s)
        .map(i -> cost.group[i]).distinct().count();
  }

  /** Shard {@code s}'s estimated seconds. */
  public double seconds(int s) {
    return seconds[s];
  }

  public double slowestSeconds() {
    return seconds[slowest(seconds)];
  }

  /** The whole grid's estimated seconds on one machine. */
  public double unshardedSeconds() {
    return unsharded;
  }

  public String estimates() {
    return estimates;
  }

  /**
   * What identifies the grid the split was made of: its configurations' keys in grid order, hashed (16 hex chars).
   * Shards of one sweep agree on it; merge refuses records that do not.
   */
  public String grid() {
    StringBuilder b = new StringBuilder();
    for (Plan p : plans) b.append(RecordBuilder.configKey(p)).append('\n');
    return sha256(b.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The first 16 hex chars of a SHA-256 (64 bits: enough to tell two grids or two files apart). */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
