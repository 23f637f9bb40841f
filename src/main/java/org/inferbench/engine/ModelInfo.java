package org.inferbench.engine;

import org.inferbench.core.ModelFacts;
import org.inferbench.core.ModelShape;
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
 * @param dtype the weights' type as the user names it (fp32, fp16, int8, Q4_K_M, ...)
 * @param facts dimensions and storage for FLOP and byte counts (MFU, MBU, estimates); null where the engine cannot
 *     tell (an instrument, a remote server)
 * @param details anything else worth recording (layers, hidden size, path, overrides)
 */
public record ModelInfo(String id, ModelShape shape, int maxPositions, int vocabSize, int[] specialTokens,
    String configHash, String dtype, ModelFacts facts, Map<String, Object> details) {
  public ModelInfo {
    details = Map.copyOf(details);
    if (facts != null && facts.dims().shape() != shape) {
      throw new IllegalArgumentException("facts: shape " + facts.dims().shape() + " differs from " + shape);
    }
  }
}
