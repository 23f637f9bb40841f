package org.inferbench.run;

import java.util.List;
import java.util.Map;

/**
 * One configuration being measured, in this process or in a worker process; the scheduler drives either the
 * same way: open (load and the cold first request), warm up, measure in as many rounds as it likes, finish.
 */
public interface ConfigurationSession extends AutoCloseable {
  /** Loads the model, creates the engine session and times the cold first request. */
  Opened open() throws Exception;

  void warmup(int requests) throws Exception;

  /**
   * Runs measured requests; each result is the request's prompt length and the offsets (ns from its start) of its
   * output tokens. Measured request k (counted over every call) asks for what number k of its
   * {@link org.inferbench.workload.RequestSource} says, as warm-up request k does.
   */
  List<MeasuredRequest> measure(int requests) throws Exception;

  /** Stops the trackers and returns their readings (schema names). */
  Map<String, Object> finish() throws Exception;

  @Override
  void close();

  /**
   * What opening found.
   *
   * @param effectiveSettings every engine setting in force, engine defaults included
   * @param facts load-time readings: model_load_ms, session_create_ms, rss_after_load_mb, cold_ttft_ms,
   *     cold_latency_ms
   */
  record Opened(String engineVersion, Map<String, String> effectiveSettings, Map<String, Object> facts) {}
}
