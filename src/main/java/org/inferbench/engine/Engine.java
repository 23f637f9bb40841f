package org.inferbench.engine;

import org.inferbench.core.BadInputException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An inference engine plugged into the harness. Implementations never print and never take time for a metric.
 * A new engine is one package and one line in {@code META-INF/services/org.inferbench.engine.Engine}; its
 * constructor must be cheap (no native library loads before {@link #load}).
 */
public interface Engine {
  String name();

  /** One line for help and listings: what the engine is and what models it takes. */
  default String description() {
    return name();
  }

  /** The engine's own version (library or server), recorded in the environment. */
  String version();

  Set<Capability> capabilities();

  /**
   * The build of the engine these settings run (a library's commit), recorded and keyed in the config_key, so the
   * regression gate never compares two builds as one; null for engines with one build (their version is enough).
   * May prepare the build (llamacpp compiles its shim; the first use of the pinned llama.cpp builds it).
   */
  default String build(EngineSettings settings) throws BadInputException {
    return null;
  }

  /** The settings this engine accepts through {@code --engine-opt}. */
  List<SettingSpec> settings();

  /**
   * Reads what is cheap to know about the model (shape, positions, vocabulary) without loading it.
   *
   * @throws BadInputException when the model cannot be found or is not understood
   */
  ModelInfo describe(ModelRef model, EngineSettings settings) throws BadInputException;

  LoadedModel load(ModelRef model, EngineSettings settings) throws Exception;

  /**
   * Does slow one-time work before anything is measured (e.g. writing a synthetic model into the cache), so that
   * a configuration's load time and memory figures hold loading only. Called once per model and settings.
   */
  default void prepare(ModelRef model, EngineSettings settings) throws Exception {}

  /**
   * Setting values that let several loaded models take turns on the same cores without hurting each other (for
   * interleaved and shuffled orders), applied where the user gave no value; e.g. no spinning of idle threads.
   */
  default Map<String, String> settingsForTakingTurns() {
    return Map.of();
  }

  /**
   * Why this engine cannot run one cell of a workload (settings it refuses together, a batch it cannot take, a
   * context too long), or null; asked at plan time, before anything loads, so a sweep marks the cell n/a and goes on.
   */
  default String notApplicable(ModelInfo model, EngineSettings settings, int batch, int prompt, int output) {
    return null;
  }

  /**
   * Environment variables a worker process running this engine needs (e.g. a native library's switches); set
   * before the worker JVM starts, since native code reads them once.
   */
  default Map<String, String> workerEnvironment() {
    return Map.of();
  }

  /**
   * A rough estimate of one request's seconds, for {@code --dry-run}; NaN where the engine cannot tell.
   */
  default double estimateSeconds(ModelInfo model, EngineSettings settings, int batch, int prompt, int output) {
    return Double.NaN;
  }
}
