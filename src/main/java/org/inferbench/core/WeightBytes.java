package org.inferbench.core;

import java.util.Objects;

/**
 * Bytes per weight of each kind of weight tensor, block formats included (METRICS.md "bytes per weight"). A kind
 * whose tensors are stored at several types (Q4_K_M keeps some at Q6_K) holds their element-weighted mean, so
 * bytes read per decoded token still sum every tensor at its own type.
 *
 * @param matmul the layers' projection matrices (attention and feed-forward)
 * @param lmHead the output projection (the token embedding's type when tied)
 * @param embedding the token (and learned position) embedding rows gathered per token
 * @param normsAndBiases norm weights and biases
 * @param label what the types are, for tables (e.g. "F16", or "Q4_K_M (Q4_K, Q6_K)")
 * @param experts a mixture of experts' expert matrices (gpt-oss keeps them at MXFP4 and the rest at Q8_0); equal to
 *     {@code matmul} in a dense model
 */
public record WeightBytes(double matmul, double lmHead, double embedding, double normsAndBiases, String label,
    double experts) {
  public WeightBytes {
    positive("experts", experts);
    positive("matmul", matmul);
    positive("lmHead", lmHead);
    positive("embedding", embedding);
    positive("normsAndBiases", normsAndBiases);
    Objects.requireNonNull(label, "label");
  }

  /** A dense model's: no expert matrices, so they take the projections' figure. */
  public WeightBytes(double matmul, double lmHead, double embedding, double normsAndBiases, String label) {
    this(matmul, lmHead, embedding, normsAndBiases, label, matmul);
  }

  /** Every tensor at one type. */
  public static WeightBytes uniform(TensorType t) {
    double b = t.bytesPerWeight();
    return new WeightBytes(b, b, b, b, t.label());
  }

  private static void positive(String field, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(field + ": expected a positive number of bytes per weight, got " + v);
    }
  }
}
