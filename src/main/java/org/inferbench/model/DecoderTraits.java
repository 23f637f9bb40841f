package org.inferbench.model;

import java.util.Set;

/**
 * What sets one Llama-like decoder family apart from another (Hugging Face's modelling code and llama.cpp's
 * src/models/*.cpp agree on each): the facts a config reader, a GGUF writer and a reference forward pass share.
 *
 * @param activationKey the config key naming the feed-forward activation
 * @param activations the activation values this family's writers build (the first is the fallback)
 * @param tiedFallback whether lm_head is the embedding when tie_word_embeddings is absent (the config class's
 *     default)
 * @param qkvBias biases on the query, key and value projections (Qwen2, gpt-oss)
 * @param qkNorm RMSNorm of queries and keys before RoPE
 * @param sandwichNorms Gemma's extra norms after attention and after the feed-forward block
 * @param sinks gpt-oss's learned attention sinks (one logit per head) and its output-projection bias
 * @param ropeScaling the rope_scaling types the family accepts (none accepted when empty)
 * @param expertCount the config key of the expert count (null for a dense family)
 * @param expertUsed the config key of the experts per token
 * @param expertFfn the config key of one expert's inner width
 * @param expertBiases router and expert biases (gpt-oss)
 */
public record DecoderTraits(String activationKey, Set<String> activations, boolean tiedFallback, boolean qkvBias,
    QkNorm qkNorm, boolean sandwichNorms, boolean sinks, Set<String> ropeScaling, String expertCount,
    String expertUsed, String expertFfn, boolean expertBiases) {
  /** Where the query/key RMSNorm sits: none, per head (Qwen3, Gemma 3), or over the whole projection (OLMoE). */
  public enum QkNorm { NONE, PER_HEAD, FULL }

  static DecoderTraits dense(String activationKey, String activation, boolean tiedFallback) {
    return new DecoderTraits(activationKey, Set.of(activation), tiedFallback, false, QkNorm.NONE, false, false,
        Set.of(), null, null, null, false);
  }

  public boolean moe() {
    return expertCount != null;
  }

  DecoderTraits withQkvBias() {
    return new DecoderTraits(activationKey, activations, tiedFallback, true, qkNorm, sandwichNorms, sinks,
        ropeScaling, expertCount, expertUsed, expertFfn, expertBiases);
  }

  DecoderTraits withQkNorm(QkNorm n) {
    return new DecoderTraits(activationKey, activations, tiedFallback, qkvBias, n, sandwichNorms, sinks, ropeScaling,
        expertCount, expertUsed, expertFfn, expertBiases);
  }

  DecoderTraits withSandwichNorms() {
    return new DecoderTraits(activationKey, activations, tiedFallback, qkvBias, qkNorm, true, sinks, ropeScaling,
        expertCount, expertUsed, expertFfn, expertBiases);
  }

  DecoderTraits withSinks() {
    return new DecoderTraits(activationKey, activations, tiedFallback, qkvBias, qkNorm, sandwichNorms, true,
        ropeScaling, expertCount, expertUsed, expertFfn, true);
  }

  DecoderTraits withRope(String... types) {
    return new DecoderTraits(activationKey, activations, tiedFallback, qkvBias, qkNorm, sandwichNorms, sinks,
        Set.of(types), expertCount, expertUsed, expertFfn, expertBiases);
  }

  DecoderTraits withExperts(String count, String used, String ffn) {
    return new DecoderTraits(activationKey, activations, tiedFallback, qkvBias, qkNorm, sandwichNorms, sinks,
        ropeScaling, count, used, ffn, expertBiases);
  }
}
