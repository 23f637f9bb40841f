package org.inferbench.core;

/**
 * The shape of a transformer as far as the harness needs it: enough to count the weights a decode step reads and
 * the FLOPs a forward pass does. How the weights are stored is told apart, in {@link ModelFacts}. Kept independent
 * of any file format so the counts can be checked by hand.
 *
 * @param layers decoder layers (for an encoder-only model: its encoder layers)
 * @param hidden model width
 * @param heads attention (query) heads
 * @param kvHeads key/value heads (= heads without grouped-query attention)
 * @param headDim width of one head (hidden / heads in most models; T5 sets it separately)
 * @param ffn inner width of the feed-forward block
 * @param vocab vocabulary size (rows of the embedding and of lm_head)
 * @param positions learned position rows (0 when positions are rotary or relative)
 * @param tiedLmHead lm_head shares the token embedding's weights (counted once in parameter counts)
 * @param encoderLayers encoder layers of an encoder-decoder (T5); 0 otherwise
 * @param shape encoder, decoder or encoder-decoder
 * @param gatedFfn the feed-forward block has three matrices (gate, up, down: LLaMA) instead of two
 * @param biases every MatMul has a bias (GPT-2, BERT) rather than none (LLaMA, T5)
 * @param layerNorm norms carry weight and bias (LayerNorm) rather than weight only (RMSNorm)
 * @param experts the feed-forward block's experts when it is a mixture of experts ({@link ExpertDims#NONE} for a
 *     dense block of width {@code ffn}); each expert is gated (gate, up, down) and a router of hidden × count
 *     weights picks them
 */
public record TransformerDims(
    int layers,
    int hidden,
    int heads,
    int kvHeads,
    int headDim,
    int ffn,
    int vocab,
    int positions,
    boolean tiedLmHead,
    int encoderLayers,
    ModelShape shape,
    boolean gatedFfn,
    boolean biases,
    boolean layerNorm,
    ExpertDims experts) {

  public TransformerDims {
    if (experts == null) throw new IllegalArgumentException("experts: expected ExpertDims.NONE for a dense model");
    positive("layers", layers);
    positive("hidden", hidden);
    positive("heads", heads);
    positive("kvHeads", kvHeads);
    positive("headDim", headDim);
    positive("ffn", ffn);
    positive("vocab", vocab);
    if (positions < 0) throw new IllegalArgumentException("positions: expected >= 0, got " + positions);
    if (encoderLayers < 0) throw new IllegalArgumentException("encoderLayers: expected >= 0, got " + encoderLayers);
    if (shape == null) throw new IllegalArgumentException("shape: expected encoder, decoder or encoder-decoder");
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException("kvHeads: expected a divisor of heads " + heads + ", got " + kvHeads);
    }
    if (shape == ModelShape.ENCODER_DECODER && encoderLayers == 0) {
      throw new IllegalArgumentException("encoderLayers: expected > 0 for an encoder-decoder, got 0");
    }
  }

  /** A dense model (no experts). */
  public TransformerDims(int layers, int hidden, int heads, int kvHeads, int headDim, int ffn, int vocab,
      int positions, boolean tiedLmHead, int encoderLayers, ModelShape shape, boolean gatedFfn, boolean biases,
      boolean layerNorm) {
    this(layers, hidden, heads, kvHeads, headDim, ffn, vocab, positions, tiedLmHead, encoderLayers, shape, gatedFfn,
        biases, layerNorm, ExpertDims.NONE);
  }

  /** The same model with a mixture-of-experts feed-forward block. */
  public TransformerDims withExperts(ExpertDims e) {
    return new TransformerDims(layers, hidden, heads, kvHeads, headDim, ffn, vocab, positions, tiedLmHead,
        encoderLayers, shape, gatedFfn, biases, layerNorm, e);
  }

  /** GPT-2's layout: learned positions, biases, LayerNorm, tied lm_head. */
  public static TransformerDims gpt2Like(int layers, int hidden, int heads, int ffn, int vocab, int positions) {
    return new TransformerDims(layers, hidden, heads, heads, hidden / heads, ffn, vocab, positions, true, 0,
        ModelShape.DECODER, false, true, true);
  }

  /** BERT's layout (encoder only): learned positions, biases, LayerNorm; no lm_head is run. */
  public static TransformerDims bertLike(int layers, int hidden, int heads, int ffn, int vocab, int positions) {
    return new TransformerDims(layers, hidden, heads, heads, hidden / heads, ffn, vocab, positions, true, 0,
        ModelShape.ENCODER, false, true, true);
  }

  /** T5's layout: relative positions, no biases, RMS-style norms, tied lm_head. */
  public static TransformerDims t5Like(int encoderLayers, int decoderLayers, int hidden, int heads, int headDim,
      int ffn, int vocab) {
    return new TransformerDims(decoderLayers, hidden, heads, heads, headDim, ffn, vocab, 0, true,
        encoderLayers, ModelShape.ENCODER_DECODER, false, false, false);
  }

  /** Width of the attention projections: heads × head_dim (equal to hidden except where head_dim is set apart). */
  public int attentionWidth() {
    return heads * headDim;
  }

  /** Width of the key and value projections: kv_heads × head_dim. */
  public int kvWidth() {
    return kvHeads * headDim;
  }

  private static void positive(String field, int v) {
    if (v <= 0) throw new IllegalArgumentException(field + ": expected > 0, got " + v);
  }
}
