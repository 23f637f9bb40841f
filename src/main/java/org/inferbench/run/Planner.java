package org.inferbench.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.Capability;
import org.inferbench.engine.Engine;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.ModelInfo;
import org.inferbench.core.ModelShape;
import org.inferbench.engine.SettingRole;
import org.inferbench.engine.SettingSpec;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.results.Metric;
import org.inferbench.workload.Configuration;

/**
 * Checks every configuration before anything is measured. Problems that make the whole input wrong (an unknown
 * engine or model, a malformed value) throw; problems of one cell (too long for the model's positions, a setting
 * this engine lacks, no output for a decoder) make that cell not applicable — an error for {@code run}, an n/a
 * record for {@code sweep}.
 */
public final class Planner {
  private final Map<String, Engine> engines = new HashMap<>();
  private final Map<String, ModelInfo> described = new HashMap<>();

  public List<Plan> plan(List<Configuration> configurations) throws BadInputException {
    // under a time budget a model's configurations take turns on one session per set of settings: only a model
    // measured under several sets has sessions idle beside the one whose turn it is
    Map<String, java.util.Set<Map<String, String>>> settingsByModel = new HashMap<>();
    for (Configuration c : configurations) {
      settingsByModel.computeIfAbsent(c.model() + "|" + c.engine(), k -> new java.util.HashSet<>()).add(c.engineOpts());
    }
    List<Plan> plans = new ArrayList<>();
    for (Configuration c : configurations) {
      boolean besideOthers = settingsByModel.get(c.model() + "|" + c.engine()).size() > 1;
      plans.add(plan(c, takesTurns(c) && (c.params().timeBudgetS() == null || besideOthers)));
    }
    return plans;
  }

  /** One configuration planned alone: under a budget, as if its model had one set of settings. */
  public Plan plan(Configuration c) throws BadInputException {
    return plan(c, takesTurns(c) && c.params().timeBudgetS() == null);
  }

  private static boolean takesTurns(Configuration c) {
    return !"sequential".equals(c.params().order());
  }

  private Plan plan(Configuration c, boolean besideIdleSessions) throws BadInputException {
    Engine engine = engines.get(c.engine());
    if (engine == null) {
      engine = EngineRegistry.get(c.engine());
      engines.put(c.engine(), engine);
    }
    String textFlag = c.params().promptText() != null ? "--prompt-text"
        : c.params().promptFile() != null ? "--prompt-file" : null;
    if (textFlag != null && !engine.capabilities().contains(Capability.TEXT_PROMPTS)) {
      throw new BadInputException(textFlag + ": engine " + engine.name() + " has no tokenizer for text prompts;"
          + " leave it out (random token ids of --prompt's length) or use an engine that has one");
    }
    EngineSettings settings;
    try {
      settings = EngineSettings.resolve(engine.name(), engine.settings(), withRunDefaults(engine, c, besideIdleSessions));
    } catch (IllegalArgumentException e) {
      if (e.getMessage().contains("has no such setting")) return new Plan(c, null, null, e.getMessage());
      throw new BadInputException(e.getMessage());
    }
    settings = withContext(settings, c);
    settings = withPinnedThreads(settings, c);
    String key = c.model() + "|" + c.engine() + "|" + settings.values();
    ModelInfo info = described.get(key);
    if (info == null) {
      info = engine.describe(c.model().ref(), settings);
      described.put(key, info);
    }
    return new Plan(c, settings, info, cellProblem(c, engine, settings, info));
  }

  /**
   * A setting with the run-seed role (the calibration engine's noise) follows the run's seed unless given;
   * configurations that take turns with other engine sessions loaded beside them (interleaved, shuffled) get the
   * engine's settings for that unless the user chose otherwise. Under a time budget the configurations of one model
   * and settings share one session (see SharedModel) and one model is loaded at a time: unless the model is
   * measured under several sets of settings, nothing is idle beside them, and they keep a sequential run's settings
   * (measured: allow-spinning=false made gpt2-medium's E2E 10–20 % slower and bert's CV 13–31 % where 2–6 %).
   */
  private static Map<String, String> withRunDefaults(Engine engine, Configuration c, boolean besideIdleSessions) {
    Map<String, String> opts = new java.util.LinkedHashMap<>(c.engineOpts());
    if (besideIdleSessions) {
      engine.settingsForTakingTurns().forEach(opts::putIfAbsent);
    }
    for (SettingSpec s : engine.settings()) {
      if (s.role() == SettingRole.RUN_SEED) opts.putIfAbsent(s.key(), Long.toString(c.params().seed()));
    }
    return opts;
  }

  /**
   * A context setting left at 0 becomes this configuration's prompt + output (the longest each can be where requests
   * draw their lengths or replay a file), so the engine allocates what the requests need and the record says how
   * much that was.
   */
  private static EngineSettings withContext(EngineSettings settings, Configuration c) {
    return fillLeftAtZero(settings, SettingRole.CONTEXT_TOKENS,
        c.params().longestPrompt(c.prompt()) + c.params().longestOutput(c.output()));
  }

  /**
   * A thread setting left at 0 ("the engine's default": one per core of the machine) becomes the number of pinned
   * CPUs, so an engine never starts more threads than the CPUs it may run on.
   */
  private static EngineSettings withPinnedThreads(EngineSettings settings, Configuration c) {
    String pinned = c.params().pinCpus();
    return pinned == null ? settings : fillLeftAtZero(settings, SettingRole.THREADS, CpuPinning.count(pinned));
  }

  /** The setting of this role, where the engine has one and it was left at 0 (its "decide yourself"), set to value. */
  private static EngineSettings fillLeftAtZero(EngineSettings settings, SettingRole role, int value) {
    String key = settings.roleKeys().get(role);
    if (key == null || !"0".equals(settings.values().get(key))) return settings;
    Map<String, String> values = new java.util.TreeMap<>(settings.values());
    values.put(key, Integer.toString(value));
    return new EngineSettings(values, settings.roleKeys());
  }

  /**
   * The cell's problem, or null. Where requests draw their lengths or replay a file, the longest request must fit:
   * the lengths checked are the longest prompt and output, and the message says so.
   */
  private static String cellProblem(Configuration c, Engine engine, EngineSettings settings, ModelInfo info) {
    int longestPrompt = c.params().longestPrompt(c.prompt());
    int longestOutput = info.shape().generates() ? c.params().longestOutput(c.output()) : 0;
    String longest = c.params().lengthsLabel() == null ? "" : "the longest request under " + c.params().lengthsLabel();
    String refused = engine.notApplicable(info, settings, c.batch(), longestPrompt, longestOutput);
    if (refused != null) return longest.isEmpty() ? refused : refused + " (" + longest + ")";
    String varies = longest.isEmpty() ? "" : ", " + longest;
    if (!engine.capabilities().contains(Capability.of(info.shape()))) {
      return "engine " + engine.name() + " cannot run " + info.shape().label() + " models";
    }
    if (c.load() != null && !engine.capabilities().contains(Capability.STREAMING)) {
      return "engine " + engine.name() + " runs one request at a time in this process: to measure it under load ("
          + c.load().label() + "), serve it (inferbench serve) and use --engine openai";
    }
    if (c.batch() > 1 && !engine.capabilities().contains(Capability.BATCH)) {
      return "engine " + engine.name() + " does not take batch > 1";
    }
    int output = info.shape().generates() ? c.output() : 0;
    if (info.shape().generates() && output < 1) {
      return "output: a " + info.shape().label() + " model needs at least 1 output token, got 0";
    }
    if (info.shape() == ModelShape.ENCODER_DECODER) {
      // the encoder reads the prompt and the decoder writes the output: each has the positions to itself
      if (Math.max(longestPrompt, longestOutput) > info.maxPositions()) {
        return (longestPrompt >= longestOutput ? "prompt (" + longestPrompt : "output (" + longestOutput) + varies
            + ") exceeds " + info.id() + "'s maximum positions (" + info.maxPositions() + ")";
      }
    } else if ((long) longestPrompt + longestOutput > info.maxPositions()) {
      return "prompt + output (" + longestPrompt + " + " + longestOutput + varies + ") exceeds " + info.id()
          + "'s maximum positions (" + info.maxPositions() + ")";
    }
    if (c.params().headline() != null) {
      Metric m;
      try {
        m = Metric.byKey(c.params().headline());
      } catch (IllegalArgumentException e) {
        return "headline: unknown metric '" + c.params().headline() + "'";
      }
      if (!m.appliesTo(info.shape())) return "headline: " + m.key() + " does not apply to " + info.shape().label() + " models";
      if (m == Metric.TPOT || m == Metric.DECODE_THROUGHPUT || m == Metric.ITL) {
        if (output < 2) return "headline: " + m.key() + " needs at least 2 output tokens";
      }
    }
    return null;
  }
}
