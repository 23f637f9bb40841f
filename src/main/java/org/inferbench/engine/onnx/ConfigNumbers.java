package org.inferbench.engine.onnx;

import java.util.Map;
import org.inferbench.core.ModelShape;
import org.inferbench.model.HfConfig;

/**
 * The numbers the engine reads from a model config on every step or check, taken once from the shared
 * {@link HfConfig} (which knows each family's field names).
 *
 * @param decoderLayers the layers that hold a key/value cache (for T5 the decoder's)
 * @param overrides the {@code --model-opt} values applied, for the record
 */
record ConfigNumbers(String modelType, ModelShape shape, int decoderLayers, int heads, int kvHeads, int hidden,
    int headDim, int vocabSize, int maxPositions, int eosTokenId, int bosTokenId, int padTokenId,
    int decoderStartTokenId, String configHash, Map<String, Object> overrides) {

  ConfigNumbers {
    overrides = Map.copyOf(overrides);
  }

  static ConfigNumbers of(HfConfig c, Map<String, ?> overrides) {
    return new ConfigNumbers(c.architecture().modelType(), c.architecture().shape(), c.layers(), c.heads(), c.kvHeads(),
        c.hidden(), c.headDim(), c.vocabSize(), c.maxPositions(), c.integer("eos_token_id", -1),
        c.integer("bos_token_id", -1), c.integer("pad_token_id", -1), c.integer("decoder_start_token_id", 0),
        c.configHash(), Map.copyOf(overrides));
  }
}
