package org.inferbench.engine;

import java.util.Map;

/** A model loaded into an engine, ready to answer requests. */
public interface LoadedModel extends AutoCloseable {
  ModelInfo info();

  /** Every setting in force, the engine's own defaults included, as recorded in the result. */
  Map<String, String> effectiveSettings();

  /** Nanoseconds spent reading or building the model (before the engine session). */
  long modelLoadNanos();

  /** Nanoseconds spent creating the engine's session(s). */
  long sessionCreateNanos();

  /**
   * How many generations may run at once, each started and stepped on a thread of its own (a server's parallel
   * slots); 1 when generations must take turns.
   */
  default int concurrentGenerations() {
    return 1;
  }

  /**
   * Builds what a request needs before its clock starts (a server's request body, whose prompt text of an exact
   * token length takes a dozen tokenizer calls); the harness calls it just before it reads the start time, and
   * {@link #start} then takes what was built for a request of the same lengths. Thread-safe: a load generator
   * prepares many requests at once.
   */
  default void prepare(Request request) throws Exception {}

  /**
   * The harness starts measuring fork (or round) {@code fork} of a configuration on this model: a fresh worker
   * process's first, or another round on a model this JVM keeps loaded. Nothing to do for a real engine; an
   * instrument may change state between forks on purpose.
   */
  default void beginFork(int fork) {}

  /** Starts a request; any work done here is inside TTFT since the harness's clock is already running. */
  Generation start(Request request) throws Exception;

  /** The model's tokenizer, or null where the engine has none (text prompts are then refused). */
  default PromptTokenizer tokenizer() {
    return null;
  }

  @Override
  void close() throws Exception;
}
