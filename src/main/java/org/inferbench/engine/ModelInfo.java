package org.inferbench.engine;

import java.util.Map;

/**
 * What an engine knows about a model before loading it: enough to check a workload without measuring.
 *
 * @param id the model's name in tables
 * @param shape encoder, decoder or encoder-decoder
 * @param maxPositions the longest prompt + output the model takes
 * @param vocabSize the size of the vocabulary prompts are drawn from
 * @param specialTokens ids never used in random prompts
 * @param configHash a hash of the full model config (overrides included); part of config_key
 * @param dtype the weights' data type (fp32, fp16, int8, ...)
 * @param details anything else worth recording (layers, hidden size, path, overrides)
 */
public record ModelInfo(String id, ModelShape shape, int maxPositions, int vocabSize, int[] specialTokens,
    String configHash, String dtype, Map<String, Object> details) {
  /** The key of {@link #details()} under which an engine may put the model's config (for FLOP and byte counts). */
  public static final String CONFIG_DETAIL = "model_config";

  public ModelInfo {
    details = Map.copyOf(details);
  }
}
