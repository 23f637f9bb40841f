package org.inferbench.roofline;

import org.inferbench.engine.ModelShape;
import org.inferbench.model.ModelConfig;

/**
 * The roofline's dimensions of a parsed config.json, for the four families InferBench synthesises and loads. Kept
 * apart from {@link TransformerDims} so the counts stay checkable without a config file.
 *
 * <p>ModernBERT's local layers mask attention outside a window but the graph still computes the full score
 * matrix, so every layer is counted as global attention: the FLOPs the graph executes, not the fewer it needs.
 */
public final class ModelDims {
  private ModelDims() {}

  /**
   * @param bytesPerElement 4 for fp32, 2 for fp16
   * @param logitsForEveryPosition whether the exported decoder returns logits for the whole prompt (Optimum
   *     exports and InferBench's synthetic graphs do)
   */
  public static TransformerDims of(ModelConfig c, int bytesPerElement, boolean logitsForEveryPosition) {
    return switch (c.architecture()) {
      case GPT2 -> new TransformerDims(c.layers(), c.hidden(), c.heads(), c.kvHeads(), c.headDim(), c.ffn(),
          c.vocabSize(), c.maxPositions(), true, logitsForEveryPosition, 0, ModelShape.DECODER, false, true, true,
          bytesPerElement);
      case BERT -> new TransformerDims(c.layers(), c.hidden(), c.heads(), c.kvHeads(), c.headDim(), c.ffn(),
          c.vocabSize(), c.maxPositions(), true, false, 0, ModelShape.ENCODER, false, true, true, bytesPerElement);
      // GeGLU feed-forward (one [h × 2·ffn] input projection = gate + up), no biases, norms without bias,
      // rotary positions
      case MODERNBERT -> new TransformerDims(c.layers(), c.hidden(), c.heads(), c.kvHeads(), c.headDim(), c.ffn(),
          c.vocabSize(), 0, true, false, 0, ModelShape.ENCODER, true, false, false, bytesPerElement);
      case T5 -> new TransformerDims(c.layers(), c.hidden(), c.heads(), c.kvHeads(), c.headDim(), c.ffn(),
          c.vocabSize(), 0, c.tiedEmbeddings(), logitsForEveryPosition, c.encoderLayers(),
          ModelShape.ENCODER_DECODER, c.text("feed_forward_proj", "relu").startsWith("gated"), false, false,
          bytesPerElement);
    };
  }
}
