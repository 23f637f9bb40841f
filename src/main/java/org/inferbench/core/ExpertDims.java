package org.inferbench.core;

/**
 * The mixture-of-experts feed-forward block of a transformer layer: a router picks {@code used} of {@code count}
 * experts per token, each a gated feed-forward block of inner width {@code ffn}. A dense model has none.
 *
 * @param count experts per layer (0 for a dense model)
 * @param used experts each token is routed to (top-k)
 * @param ffn inner width of one expert
 */
public record ExpertDims(int count, int used, int ffn) {
  public static final ExpertDims NONE = new ExpertDims(0, 0, 0);

  public ExpertDims {
    if (count < 0 || used < 0 || ffn < 0) {
      throw new IllegalArgumentException("experts: expected counts >= 0, got " + count + "/" + used + "/" + ffn);
    }
    if (count > 0 && (used <= 0 || used > count || ffn <= 0)) {
      throw new IllegalArgumentException("experts: top-k " + used + " must be in 1.." + count + " and the expert"
          + " width positive, got " + ffn);
    }
    if (count == 0 && (used != 0 || ffn != 0)) {
      throw new IllegalArgumentException("experts: top-k and width need an expert count");
    }
  }

  public boolean present() {
    return count > 0;
  }

  /**
   * Experts a layer reads when {@code tokens} tokens are routed independently and uniformly: each expert is missed
   * by all of them with probability (1 − k/E)^tokens, so E·(1 − (1 − k/E)^tokens) are read. One token reads k.
   */
  public double expectedDistinct(long tokens) {
    if (!present()) return 0;
    if (tokens <= 1) return used;
    return count * (1 - Math.pow(1 - (double) used / count, tokens));
  }
}
