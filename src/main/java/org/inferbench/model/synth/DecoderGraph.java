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

  /**
   * A decoder-only model's inputs as Optimum names them: ids, mask and positions, then a past key and value per
   * layer over the heads the cache holds (all heads, or the key-value heads of grouped-query attention).
   */
  static void decoderOnlyInputs(GraphBuilder g, boolean withPast, int layers, int cacheHeads, int headDim) {
    String total = withPast ? "past_sequence_length + sequence_length" : "sequence_length";
    g.input("input_ids", GraphBuilder.INT64, "batch_size", "sequence_length");
    g.input("attention_mask", GraphBuilder.INT64, "batch_size", total);
    g.input("position_ids", GraphBuilder.INT64, "batch_size", "sequence_length");
    if (!withPast) return;
    for (int i = 0; i < layers; i++) {
      for (String kv : new String[] {"key", "value"}) {
        g.input("past_key_values." + i + "." + kv, g.elemType, "batch_size", cacheHeads, "past_sequence_length",
            headDim);
      }
    }
  }

  /** Its outputs: logits, then the present key and value of every layer. */
  static LinkedHashMap<String, Object[]> decoderOnlyOutputs(boolean withPast, int layers, int vocab, int cacheHeads,
      int headDim) {
    String total = withPast ? "past_sequence_length + sequence_length" : "sequence_length";
    LinkedHashMap<String, Object[]> outs = new LinkedHashMap<>();
    outs.put("logits", new Object[] {"batch_size", "sequence_length", vocab});
    for (int i = 0; i < layers; i++) {
      outs.put("present." + i + ".key", new Object[] {"batch_size", cacheHeads, total, headDim});
      outs.put("present." + i + ".value", new Object[] {"batch_size", cacheHeads, total, headDim});
    }
    return outs;
  }
}
