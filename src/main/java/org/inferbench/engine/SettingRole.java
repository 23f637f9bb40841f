package org.inferbench.engine;

import java.util.Locale;

/**
 * What a setting means to the harness, whatever the engine calls it: generic code (roofline, dry run, noise causes,
 * KV-cache comparisons, reports) asks for a role and never for an engine's key.
 */
public enum SettingRole {
  /** Nothing the harness reads; the engine's own business. */
  NONE,
  /** Compute threads (0: the engine's default). The probe runs at this count; more threads than cores is noise. */
  THREADS,
  /** Reuse of past keys and values between decode steps: values on|off (KV-cache comparisons pair on it). */
  KV_CACHE,
  /** Which stored weight type to load or synthesise (fp32, F16, Q4_K_M, ...). */
  WEIGHT_TYPE,
  /** A seed that follows the run's {@code --seed} unless the user gives it. */
  RUN_SEED,
  /** Tokens of context to allocate; 0 means the configuration's prompt + output, filled in at plan time. */
  CONTEXT_TOKENS,
  /**
   * Tokens at the start of every prompt that all requests share on purpose (a system prompt): a server's prefix
   * cache may answer them, and a cache hit on them is asked for, not a flaw of the measurement.
   */
  SHARED_PREFIX_TOKENS,
  /**
   * A server the engine starts for each configuration and measures (a command with placeholders); generic flags
   * ({@code --server-cmd}, the workload file's {@code server-cmd}) name it by this role.
   */
  SERVER_COMMAND;

  /** The name used in result records ({@code kv_cache}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SettingRole byKey(String key) {
    for (SettingRole r : values()) if (r.key().equals(key)) return r;
    throw new IllegalArgumentException("setting role: unknown '" + key + "'");
  }
}
