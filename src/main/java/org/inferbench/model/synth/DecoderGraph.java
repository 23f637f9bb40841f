package org.inferbench.model.synth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decoder whose step can be built with or without a key/value cache, so that one body yields the single, merged
 * (If on use_cache_branch) and split layouts.
 */
interface DecoderGraph {
  /** Declares the graph inputs; without a past there are no past_key_values inputs. */
  void inputs(GraphBuilder g, boolean withPast);

  /**
   * Output names and dims, logits first. {@code merged}: both If branches must give the same outputs, so a T5
   * with-past step also passes its encoder key/values through.
   */
  LinkedHashMap<String, Object[]> outputs(boolean withPast, boolean merged);

  /** Builds the step in {@code g}, reading graph inputs by name; returns output name to value (a superset). */
  Map<String, String> body(GraphBuilder g, boolean withPast);
}
