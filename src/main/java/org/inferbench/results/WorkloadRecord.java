package org.inferbench.results;

import java.util.Map;

/**
 * The configuration as it was run: every parameter that shapes the numbers (the config_key is derived from the
 * ones that define what was measured; run counts and ordering are recorded but not keyed).
 *
 * <p>{@code settingRoles} (schema 2) says which engine setting plays which role ({@code {"kv_cache": "kv-cache",
 * "threads": "threads"}}), so reports pair and label results by role without knowing any engine's names; not keyed.
 *
 * <p>{@code lengthDist} and {@code requestFile} (schema 4) say how each request's lengths varied around
 * {@code prompt} and {@code output} (which are then the nominal lengths: a request file's means); null when every
 * request asked for exactly those. Keyed where set.
 *
 * <p>{@code engineBuild} (schema 5) names the engine build that ran ("llama.cpp de3ff81 (0.5.0-dev)"), for engines
 * whose builds differ (llamacpp); null for the others. Keyed where set, so two builds are never compared as one.
 *
 * <p>{@code promptSalt} (schema 5) is the run's salt of the prompts a server was sent (hex; {@code --replay RUN}
 * sends that run's prompts again), null where the engine ran the harness's own prompts. Not keyed: every run draws
 * a new one, and a rerun measures the same configuration.
 */
public record WorkloadRecord(
    String model,
    String modelConfigHash,
    Map<String, String> modelOptions,
    String dtype,
    String engine,
    Map<String, String> engineSettings,
    String shape,
    int batch,
    int prompt,
    int output,
    String promptSource,
    boolean includeTokenization,
    int warmup,
    Integer runs,
    Double targetCi,
    Integer minRuns,
    Integer maxRuns,
    Double maxTimeS,
    String headline,
    long seed,
    String order,
    String isolate,
    Map<String, String> settingRoles,
    String load,
    String lengthDist,
    RequestFileRecord requestFile,
    String engineBuild,
    String promptSalt) {

  /** A workload of schema 4 and before: no engine build, no prompt salt (also every in-process engine's but llamacpp). */
  public WorkloadRecord(String model, String modelConfigHash, Map<String, String> modelOptions, String dtype,
      String engine, Map<String, String> engineSettings, String shape, int batch, int prompt, int output,
      String promptSource, boolean includeTokenization, int warmup, Integer runs, Double targetCi, Integer minRuns,
      Integer maxRuns, Double maxTimeS, String headline, long seed, String order, String isolate,
      Map<String, String> settingRoles, String load, String lengthDist, RequestFileRecord requestFile) {
    this(model, modelConfigHash, modelOptions, dtype, engine, engineSettings, shape, batch, prompt, output,
        promptSource, includeTokenization, warmup, runs, targetCi, minRuns, maxRuns, maxTimeS, headline, seed, order,
        isolate, settingRoles, load, lengthDist, requestFile, null, null);
  }

  /** The engine setting key that plays {@code role} (a {@code SettingRole} key such as "kv_cache"), or null. */
  public String settingKey(String role) {
    return settingRoles == null ? null : settingRoles.get(role);
  }

  /** The value of the setting that plays {@code role}, or null. */
  public String settingByRole(String role) {
    String key = settingKey(role);
    return key == null || engineSettings == null ? null : engineSettings.get(key);
  }

  /** How the requests' lengths varied, for labels: {@code uniform:0.25}, {@code requests:chat.jsonl}; null for not. */
  public String lengths() {
    if (requestFile != null) return "requests:" + requestFile.name();
    return lengthDist;
  }
}
