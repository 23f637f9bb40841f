package org.inferbench.model.synth;

import java.util.LinkedHashMap;
import org.inferbench.model.HfConfig;

/**
 * A decoder-only model (GPT-2, the llama family) as Optimum exports it: input ids, mask and positions, then a past
 * key and value per layer over the heads the cache holds — all heads, or the key-value heads of grouped-query
 * attention — and logits with a present key and value per layer out. Subclasses build the step.
 */
abstract class DecoderOnlyGraph implements DecoderGraph {
  protected final HfConfig c;
  protected final int heads;
  /** The heads the cache holds: {@link #heads} unless the model groups its queries. */
  protected final int kvHeads;
  protected final int headDim;
  protected final long h;

  DecoderOnlyGraph(HfConfig config) {
    this.c = config;
    this.heads = config.heads();
    this.kvHeads = config.kvHeads();
    this.headDim = config.headDim();
    this.h = config.hidden();
  }

  @Override
  public void inputs(GraphBuilder g, boolean withPast) {
    String total = withPast ? "past_sequence_length + sequence_length" : "sequence_length";
    g.input("input_ids", GraphBuilder.INT64, "batch_size", "sequence_length");
    g.input("attention_mask", GraphBuilder.INT64, "batch_size", total);
    g.input("position_ids", GraphBuilder.INT64, "batch_size", "sequence_length");
    if (!withPast) return;
    for (int i = 0; i < c.layers(); i++) {
      for (String kv : new String[] {"key", "value"}) {
        g.input("past_key_values." + i + "." + kv, g.elemType, "batch_size", kvHeads, "past_sequence_length",
            headDim);
      }
    }
  }

  @Override
  public LinkedHashMap<String, Object[]> outputs(boolean withPast, boolean merged) {
    String total = withPast ? "past_sequence_length + sequence_length" : "sequence_length";
    LinkedHashMap<String, Object[]> outs = new LinkedHashMap<>();
    outs.put("logits", new Object[] {"batch_size", "sequence_length", c.vocabSize()});
    for (int i = 0; i < c.layers(); i++) {
      outs.put("present." + i + ".key", new Object[] {"batch_size", kvHeads, total, headDim});
      outs.put("present." + i + ".value", new Object[] {"batch_size", kvHeads, total, headDim});
    }
    return outs;
  }
}
