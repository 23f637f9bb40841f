package org.inferbench.run;

import java.util.Map;
import org.inferbench.core.BadInputException;

/**
 * One of N shares of a grid, for spreading a sweep over many machines: which one this process runs, from the flag
 * or the scheduler. What each share holds is {@link ShardPlan}'s.
 */
public record Shard(int index, int count) {

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
  /**
   * The shard of {@code --shard} (or null: the environment's), checked against the scheduler's: a count that
   * differs from the Slurm array's tasks or the Indexed Job's INFERBENCH_SHARD_COUNT (its completions) would leave
   * part of the grid unmeasured or measured twice, so it is refused.
   */
  public static Shard resolve(String flag, Map<String, String> env) throws BadInputException {
    if (flag == null) return fromEnvironment(env, null);
    Shard s = parse(flag);
    Shard scheduler = fromEnvironment(env, s.count());
    if (scheduler != null && scheduler.count() != s.count()) {
      String what = env.get("SLURM_ARRAY_TASK_ID") != null ? "the Slurm job array has " + scheduler.count()
          + " tasks" : "INFERBENCH_SHARD_COUNT (the Job's completions) is " + scheduler.count();
      throw new BadInputException("--shard " + flag.trim() + ": " + what + "; expected --shard I/" + scheduler.count()
          + " or no --shard");
    }
    return s;
  }

  public static Shard fromEnvironment(Map<String, String> env, Integer countFromFlag) throws BadInputException {
    try {
      String task = env.get("SLURM_ARRAY_TASK_ID");
      if (task != null) {
        int id = Integer.parseInt(task.trim());
        if (env.get("SLURM_ARRAY_TASK_COUNT") != null) {
          int min = env.get("SLURM_ARRAY_TASK_MIN") == null ? 0 : Integer.parseInt(env.get("SLURM_ARRAY_TASK_MIN"));
          // --array=0-10:2 numbers its tasks 0, 2, 4…: the shard is the task's place in that sequence
          int step = env.get("SLURM_ARRAY_TASK_STEP") == null ? 1 : Integer.parseInt(env.get("SLURM_ARRAY_TASK_STEP"));
          return new Shard((id - min) / Math.max(1, step), Integer.parseInt(env.get("SLURM_ARRAY_TASK_COUNT").trim()));
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
        Integer n = env.get("INFERBENCH_SHARD_COUNT") != null
            ? Integer.valueOf(Integer.parseInt(env.get("INFERBENCH_SHARD_COUNT").trim())) : countFromFlag;
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
}
