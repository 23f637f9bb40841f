package org.inferbench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.engine.BadInputException;
import org.inferbench.roofline.Roofline;

/**
 * One of N shares of a grid, for spreading a sweep over many machines. The unit is a model × engine group, so a
 * curve or an A/B stays on one machine. The split is a pure function of the planned grid: groups are weighed by the
 * time their requests would take on a nominal machine (FLOPs and bytes over fixed roofs, never this machine's probe
 * or timings) and dealt largest first to the lightest shard, so every node computes the same split.
 */
public record Shard(int index, int count) {
  /** The nominal machine the weights are computed for: only ratios between groups matter. */
  static final Roofline NOMINAL = new Roofline(20e9, 100e9);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard " + index + "/" + count + ": expected I/N with 0 ≤ I < N");
    }
  }

  /** "I/N" as given to --shard. */
  public static Shard parse(String s) throws BadInputException {
    String[] p = s.trim().split("/", -1);
    try {
      if (p.length == 2) return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new BadInputException("--shard: expected I/N with 0 ≤ I < N (e.g. 0/4), got '" + s + "'");
  }

  /**
   * The shard a scheduler gives this process, or null: Slurm job arrays (SLURM_ARRAY_TASK_ID with
   * SLURM_ARRAY_TASK_COUNT, or SLURM_ARRAY_TASK_MIN/MAX), Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX with the
   * count from {@code countFromFlag} or INFERBENCH_SHARD_COUNT, which the manifest sets).
   */
  public static Shard fromEnvironment(Map<String, String> env, Integer countFromFlag) throws BadInputException {
    try {
      String task = env.get("SLURM_ARRAY_TASK_ID");
      if (task != null) {
        int id = Integer.parseInt(task.trim());
        if (env.get("SLURM_ARRAY_TASK_COUNT") != null) {
          int min = env.get("SLURM_ARRAY_TASK_MIN") == null ? 0 : Integer.parseInt(env.get("SLURM_ARRAY_TASK_MIN"));
          return new Shard(id - min, Integer.parseInt(env.get("SLURM_ARRAY_TASK_COUNT").trim()));
        }
        if (env.get("SLURM_ARRAY_TASK_MIN") != null && env.get("SLURM_ARRAY_TASK_MAX") != null) {
          int min = Integer.parseInt(env.get("SLURM_ARRAY_TASK_MIN").trim());
          int max = Integer.parseInt(env.get("SLURM_ARRAY_TASK_MAX").trim());
          return new Shard(id - min, max - min + 1);
        }
        throw new BadInputException("SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor "
            + "SLURM_ARRAY_TASK_MIN/MAX: expected a job array (sbatch --array)");
      }
      String index = env.get("JOB_COMPLETION_INDEX");
      if (index != null) {
        Integer n = countFromFlag;
        if (n == null && env.get("INFERBENCH_SHARD_COUNT") != null) {
          n = Integer.parseInt(env.get("INFERBENCH_SHARD_COUNT").trim());
        }
        if (n == null) {
          throw new BadInputException("JOB_COMPLETION_INDEX is set: give the number of shards with --shard I/N or "
              + "INFERBENCH_SHARD_COUNT (the Job's completions)");
        }
        return new Shard(Integer.parseInt(index.trim()), n);
      }
      return null;
    } catch (IllegalArgumentException e) {
      throw new BadInputException("shard from the environment: " + e.getMessage());
    }
  }

  public String label() {
    return index + "/" + count;
  }

  /** The file a shard appends to unless told otherwise. */
  public String resultsFileName() {
    return "shard-" + index + "-of-" + count + ".jsonl";
  }

  /** This shard's plans, in their grid order. */
  public List<Plan> select(List<Plan> plans) {
    Map<String, List<Plan>> groups = groups(plans);
    List<String> keys = new ArrayList<>(groups.keySet());
    Map<String, Double> weight = new LinkedHashMap<>();
    for (String k : keys) weight.put(k, groups.get(k).stream().mapToDouble(Shard::weight).sum());
    // largest first; equal weights keep grid order, so the split never depends on anything but the grid
    keys.sort((a, b) -> Double.compare(weight.get(b), weight.get(a)));
    double[] load = new double[count];
    Map<String, Integer> owner = new LinkedHashMap<>();
    for (String k : keys) {
      int lightest = 0;
      for (int s = 1; s < count; s++) if (load[s] < load[lightest]) lightest = s;
      owner.put(k, lightest);
      load[lightest] += weight.get(k);
    }
    List<Plan> mine = new ArrayList<>();
    for (Plan p : plans) if (owner.get(groupKey(p)) == index) mine.add(p);
    return mine;
  }

  private static Map<String, List<Plan>> groups(List<Plan> plans) {
    Map<String, List<Plan>> g = new LinkedHashMap<>();
    for (Plan p : plans) g.computeIfAbsent(groupKey(p), k -> new ArrayList<>()).add(p);
    return g;
  }

  private static String groupKey(Plan p) {
    return p.configuration().model().label() + "\u0000" + p.configuration().engine();
  }

  /**
   * Seconds of the configuration's requests on the nominal machine; by token count where the engine reports no
   * facts of its model (the calibration engine).
   */
  static double weight(Plan p) {
    var c = p.configuration();
    int requests = c.params().warmup() + (c.params().runs() != null ? c.params().runs() : c.params().minRuns());
    double one = p.info() == null || !p.runnable() ? Double.NaN
        : RooflineEstimate.seconds(p.info(), NOMINAL, c.batch(), c.prompt(), p.output(),
            p.settings() == null || p.settings().kvCacheOn());
    if (!Double.isFinite(one)) one = 1e-3 + 1e-6 * c.batch() * ((double) c.prompt() + p.output());
    return requests * one;
  }
}
