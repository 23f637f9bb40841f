package org.inferbench.core;

import java.util.Objects;

/**
 * What a model is, as every generic part of the harness needs it (roofline, dry run, memory, report): its
 * dimensions, how its weights are stored, which positions get logits, and the bytes of its KV cache. Engines and
 * model formats fill it in; nothing outside them reads a format's own fields.
 *
 * @param dims the transformer's dimensions
 * @param weights bytes per weight of each kind of tensor
 * @param logits which prompt positions the prefill computes logits for
 * @param kvBytesPerElement bytes of one cached key or value element, K and V averaged (f16 cache: 2; q8_0: 34/32)
 */
public record ModelFacts(TransformerDims dims, WeightBytes weights, LogitPositions logits, double kvBytesPerElement) {
  public ModelFacts {
    Objects.requireNonNull(dims, "dims");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(logits, "logits");
    if (!(kvBytesPerElement > 0) || Double.isInfinite(kvBytesPerElement)) {
      throw new IllegalArgumentException("kvBytesPerElement: expected a positive number, got " + kvBytesPerElement);
    }
  }

  /** Every weight and the cache at one type. */
  public static ModelFacts uniform(TransformerDims dims, TensorType type, LogitPositions logits) {
    return new ModelFacts(dims, WeightBytes.uniform(type), logits, type.bytesPerWeight());
  }

  /**
   * KV-cache bytes per token of one sequence: 2 × layers × kv_heads × head_dim × bytes per element (METRICS.md
   * "KV-cache size" divided by batch × tokens; for an encoder-decoder, the decoder's self-attention cache).
   */
  public double kvBytesPerToken() {
    return 2.0 * dims.layers() * dims.kvWidth() * kvBytesPerElement;
  }

  public ModelFacts withLogits(LogitPositions l) {
    return new ModelFacts(dims, weights, l, kvBytesPerElement);
  }
}
