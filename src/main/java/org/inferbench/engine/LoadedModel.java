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

  /** Starts a request; any work done here is inside TTFT since the harness's clock is already running. */
  Generation start(Request request) throws Exception;

  /** The model's tokenizer, or null where the engine has none (text prompts are then refused). */
  default PromptTokenizer tokenizer() {
    return null;
  }

  @Override
  void close() throws Exception;
}
