package org.inferbench.roofline;

import org.inferbench.core.ExpertDims;
import org.inferbench.core.LogitPositions;
import org.inferbench.core.ModelFacts;
import org.inferbench.core.ModelShape;
import org.inferbench.core.TransformerDims;
import org.inferbench.core.WeightBytes;

/**
 * Analytic work of a transformer forward pass: bytes a decode step must read and FLOPs a pass must do. Conventions:
 * one multiply-add is 2 FLOPs, only MatMul/Gemm and attention score/value products are counted (norms, softmax and
 * activations are noise beside them), each kind of weight at its own bytes per weight ({@link WeightBytes}), batch
 * {@code b}.
 *
 * <p>For an encoder-decoder the "layers" are the decoder's; the encoder runs once per request, inside TTFT.
 */
public final class RooflineCounts {
  private RooflineCounts() {}

  // ---- weights -------------------------------------------------------------------------------------------

  /**
   * MatMul weights of one self-attention block plus feed-forward block (a decoder-only or encoder layer) that one
   * token passes through: of a mixture of experts, the router and the top-k experts only.
   */
  static long selfAttentionLayerWeights(TransformerDims d) {
    return layerWeightsWithExperts(d, d.experts().used());
  }

  /** A layer's MatMul weights as stored: of a mixture of experts, every expert. */
  static long storedLayerWeights(TransformerDims d) {
    return layerWeightsWithExperts(d, d.experts().count());
  }

  /** Attention, plus the dense feed-forward block, or the router and {@code experts} experts (may be fractional). */
  private static long layerWeightsWithExperts(TransformerDims d, double experts) {
    return attentionWeights(d) + (d.experts().present() ? routerWeights(d) + Math.round(experts * expertWeights(d))
        : (d.gatedFfn() ? 3 : 2) * (long) d.hidden() * d.ffn());
  }

  private static long attentionWeights(TransformerDims d) {
    long h = d.hidden();
    return h * d.attentionWidth() + 2 * h * d.kvWidth() + (long) d.attentionWidth() * h;
  }

  /** One expert's gate, up and down matrices. */
  public static long expertWeights(TransformerDims d) {
    return 3L * d.hidden() * d.experts().ffn();
  }

  /** The router: hidden × expert count. */
  static long routerWeights(TransformerDims d) {
    return (long) d.hidden() * d.experts().count();
  }

  /**
   * Expert weights all layers read in one decode step of {@code batch} sequences: each layer reads the experts its
   * tokens are routed to, E·(1 − (1 − k/E)^b) of them under uniform routing ({@link ExpertDims#expectedDistinct}).
   */
  public static long expertWeightsPerStep(TransformerDims d, int batch) {
    if (!d.experts().present()) return 0;
    return Math.round(d.layers() * d.experts().expectedDistinct(batch) * expertWeights(d));
  }

  /** A T5 decoder layer's cross-attention MatMul weights that run at every step: query and output projections. */
  static long crossAttentionStepWeights(TransformerDims d) {
    return 2L * d.hidden() * d.attentionWidth();
  }

  /** A T5 decoder layer's cross-attention key/value projections: they run once over the encoder output. */
  static long crossAttentionKvWeights(TransformerDims d) {
    return 2L * d.hidden() * d.kvWidth();
  }

  /** MatMul weights of all decoder layers (encoder layers for an encoder) that one token passes through. */
  public static long layerMatMulWeights(TransformerDims d) {
    long perLayer = selfAttentionLayerWeights(d);
    if (d.shape() == ModelShape.ENCODER_DECODER) perLayer += crossAttentionStepWeights(d);
    return d.layers() * perLayer;
  }

  /** The lm_head projection: vocab × hidden. */
  public static long lmHeadWeights(TransformerDims d) {
    return (long) d.vocab() * d.hidden();
  }

  /** MatMul weights one decode step reads: every decoder layer plus lm_head (a new token's logits every step). */
  public static long stepMatMulWeights(TransformerDims d) {
    return layerMatMulWeights(d) + lmHeadWeights(d);
  }

  private static long biasesPerSelfAttentionLayer(TransformerDims d) {
    if (!d.biases()) return 0;
    long qkv = d.attentionWidth() + 2L * d.kvWidth();
    long ffnIn = (d.gatedFfn() ? 2L : 1L) * d.ffn();
    return qkv + d.hidden() + ffnIn + d.hidden();
  }

  private static long normParams(TransformerDims d) {
    return (d.layerNorm() ? 2L : 1L) * d.hidden();
  }

  /**
   * Biases and norm parameters a decode step reads: each decoder layer's biases, its two norms (three with
   * cross-attention) and the final norm.
   */
  public static long stepBiasAndNormParams(TransformerDims d) {
    long perLayer = biasesPerSelfAttentionLayer(d) + 2 * normParams(d);
    if (d.shape() == ModelShape.ENCODER_DECODER) {
      perLayer += normParams(d) + (d.biases() ? d.attentionWidth() + d.hidden() : 0);
    }
    return d.layers() * perLayer + normParams(d);
  }

  /** Embedding elements gathered per sequence per step: the new token's row, plus its position row if learned. */
  public static long embeddingRowElementsPerStep(TransformerDims d) {
    return d.hidden() + (d.positions() > 0 ? (long) d.hidden() : 0);
  }

  /**
   * Weight bytes one decode step reads: all MatMul weights (lm_head included; of a mixture of experts the shared ones
   * and the distinct experts the batch's tokens are routed to), biases and norms, and the embedding
   * rows gathered for each sequence's new token, each kind at its own bytes per weight. A tied lm_head is still read
   * in full by its MatMul, besides the gathered row: they are separate reads, so both count here (unlike
   * {@link #parameters}).
   */
  public static long weightBytesPerStep(ModelFacts f, int batch) {
    checkBatch(batch);
    TransformerDims d = f.dims();
    WeightBytes w = f.weights();
    // a mixture of experts reads its shared weights once and each distinct expert its tokens are routed to
    long experts = expertWeightsPerStep(d, batch);
    long shared = layerMatMulWeights(d) - (d.experts().present() ? d.layers() * d.experts().used()
        * expertWeights(d) : 0);
    double bytes = shared * w.matmul() + experts * w.experts() + lmHeadWeights(d) * w.lmHead()
        + stepBiasAndNormParams(d) * w.normsAndBiases() + batch * embeddingRowElementsPerStep(d) * w.embedding();
    return Math.round(bytes);
  }

  /**
   * Distinct parameters of the model, tied weights counted once (the lm_head of a tied model is the token
   * embedding). Encoders count no lm_head. Token-type embeddings and poolers are left out.
   */
  public static long parameters(TransformerDims d) {
    long h = d.hidden();
    long embeddings = (long) d.vocab() * h + (long) d.positions() * h;
    long lmHead = d.shape() == ModelShape.ENCODER || d.tiedLmHead() ? 0 : lmHeadWeights(d);
    // stepBiasAndNormParams already holds every decoder (or encoder) layer's biases and norms plus the final norm
    long stack = d.layers() * storedLayerWeights(d) + stepBiasAndNormParams(d);
    if (d.shape() == ModelShape.ENCODER_DECODER) {
      stack += d.layers() * (crossAttentionStepWeights(d) + crossAttentionKvWeights(d));
      stack += d.encoderLayers() * (selfAttentionLayerWeights(d) + biasesPerSelfAttentionLayer(d)
          + 2 * normParams(d)) + normParams(d);
    }
    return embeddings + lmHead + stack;
  }

  // ---- KV cache --------------------------------------------------------------------------------------------

  /** KV-cache bytes one decode step reads at context c: 2 × layers × b × c × kv_heads × head_dim × bytes. */
  public static long kvBytesPerStep(ModelFacts f, int batch, long context) {
    checkBatch(batch);
    if (context < 0) throw new IllegalArgumentException("context: expected >= 0, got " + context);
    return Math.round(f.kvBytesPerToken() * batch * context);
  }

  /** A T5 decoder step also reads the cross-attention keys and values over the encoder length. */
  public static long crossKvBytesPerStep(ModelFacts f, int batch, long encoderLength) {
    if (f.dims().shape() != ModelShape.ENCODER_DECODER) return 0;
    return kvBytesPerStep(f, batch, encoderLength);
  }

  // ---- FLOPs -----------------------------------------------------------------------------------------------

  /**
   * FLOPs until the first token: for a decoder, prefill over n tokens = 2·b·n·(layer weights, plus lm_head when the
   * graph returns logits for every position, else lm_head over the last position only) + 4·layers·b·n²·width; for an
   * encoder, its forward pass; for an encoder-decoder, the encoder pass, the cross-attention keys and values over
   * the n encoder positions, and the first decoder step.
   */
  public static long prefillFlops(ModelFacts f, int batch, int n) {
    checkBatch(batch);
    checkLength("n", n);
    TransformerDims d = f.dims();
    return switch (d.shape()) {
      case ENCODER -> encoderForwardFlops(d, batch, n);
      case DECODER -> {
        long lmHeadPositions = f.logits() == LogitPositions.EVERY ? n : 1;
        yield 2L * batch * n * layerMatMulWeights(d) + 2L * batch * lmHeadPositions * lmHeadWeights(d)
            + attentionFlops(d.layers(), d, batch, n, n);
      }
      case ENCODER_DECODER -> encoderStackFlops(d, d.encoderLayers(), batch, n)
          + 2L * batch * n * d.layers() * crossAttentionKvWeights(d)
          + decodeStepFlops(d, batch, 1, n);
    };
  }

  /** FLOPs of one decoder-only decode step at context c: 2·b·(step MatMul weights) + 4·layers·b·c·width. */
  public static long decodeStepFlops(TransformerDims d, int batch, long context) {
    return decodeStepFlops(d, batch, context, 0);
  }

  /**
   * FLOPs of one decode step at context c; an encoder-decoder adds cross-attention over the encoder length
   * (4·layers·b·encoderLength·width).
   */
  public static long decodeStepFlops(TransformerDims d, int batch, long context, long encoderLength) {
    checkBatch(batch);
    if (d.shape() == ModelShape.ENCODER) {
      throw new IllegalArgumentException("shape: an encoder has no decode step");
    }
    long flops = 2L * batch * stepMatMulWeights(d) + attentionFlops(d.layers(), d, batch, 1, context);
    if (d.shape() == ModelShape.ENCODER_DECODER) flops += attentionFlops(d.layers(), d, batch, 1, encoderLength);
    return flops;
  }

  /** An encoder's forward pass over n tokens: like a prefill without lm_head. */
  public static long encoderForwardFlops(TransformerDims d, int batch, int n) {
    checkBatch(batch);
    checkLength("n", n);
    int layers = d.shape() == ModelShape.ENCODER_DECODER ? d.encoderLayers() : d.layers();
    return encoderStackFlops(d, layers, batch, n);
  }

  private static long encoderStackFlops(TransformerDims d, int layers, int batch, int n) {
    return 2L * batch * n * layers * selfAttentionLayerWeights(d) + attentionFlops(layers, d, batch, n, n);
  }

  /** Scores (Q·Kᵀ) and weighted values (P·V): 2 products of 2·queries·keys·width FLOPs per layer and sequence. */
  private static long attentionFlops(int layers, TransformerDims d, int batch, long queries, long keys) {
    return 4L * layers * batch * queries * keys * d.attentionWidth();
  }

  private static void checkBatch(int batch) {
    if (batch <= 0) throw new IllegalArgumentException("batch: expected > 0, got " + batch);
  }

  private static void checkLength(String field, int n) {
    if (n <= 0) throw new IllegalArgumentException(field + ": expected > 0, got " + n);
  }
}
