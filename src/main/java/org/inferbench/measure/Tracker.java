package org.inferbench.measure;

import java.util.Map;

/**
 * Something measured beside the requests (memory, GC, energy): started before the first measured request,
 * stopped after the last. One small interface for all of them; results use the result schema's field names.
 */
public interface Tracker {
  void start();

  void stop();

  /** Readings keyed by their snake_case name in {@code trackers} of the result schema. */
  Map<String, Object> results();
}
