package org.inferbench.model;

import java.util.HashSet;
import java.util.Set;
import org.inferbench.core.BadInputException;
import org.inferbench.core.ExpertDims;
import org.inferbench.core.ModelShape;
import org.inferbench.core.TransformerDims;

/**
 * Llama and the decoders built like it: RMSNorm, rotary positions, grouped-query attention, a gated feed-forward
 * block (dense or a mixture of experts), no learned positions. What sets one family apart from another is a
 * {@link DecoderTraits} value, so each family's facts are one line in {@link Architecture}.
 */
final class DecoderFamily extends Family {
  private static final Keys KEYS = new Keys("num_hidden_layers", "hidden_size", "num_attention_heads",
      "intermediate_size", "max_position_embeddings", "rms_norm_eps", 1e-6);

  private final DecoderTraits traits;

  DecoderFamily(DecoderTraits traits, String... optional) {
    super(KEYS, optionalKeys(traits, optional));
    this.traits = traits;
  }

  private static Set<String> optionalKeys(DecoderTraits t, String... extra) {
    Set<String> s = new HashSet<>(Set.of("num_key_value_heads", "head_dim", "rms_norm_eps", "rope_theta",
        "tie_word_embeddings", t.activationKey()));
    s.addAll(Set.of(extra));
    return Set.copyOf(s);
  }

  DecoderTraits traits() {
    return traits;
  }

  @Override
  void validate(HfConfig c, String source) throws BadInputException {
    expect(c, source, traits.activationKey(), traits.activations().iterator().next(),
        traits.activations().toArray(String[]::new));
    if (c.heads() % c.kvHeads() != 0) {
      throw new BadInputException(source + ": num_key_value_heads " + c.kvHeads() + " does not divide heads "
          + c.heads());
    }
    if (c.tree().path("rope_scaling").isObject()) {
      var r = c.tree().path("rope_scaling");
      String rope = r.path("rope_type").asText(r.path("type").asText("?"));
      if (!traits.ropeScaling().contains(rope)) {
        throw new BadInputException(source + ": rope_scaling type \"" + rope + "\" is not supported; expected "
            + (traits.ropeScaling().isEmpty() ? "none" : String.join(" or ", traits.ropeScaling())));
      }
    }
    if (c.ropeDims() % 2 != 0 || c.ropeDims() > c.headDim()) {
      throw new BadInputException(source + ": rotary width " + c.ropeDims() + " must be even and at most the head dim "
          + c.headDim());
    }
    if (traits.expertCount() != null) validateExperts(c, source);
  }

  private void validateExperts(HfConfig c, String source) throws BadInputException {
    for (String key : new String[] {traits.expertCount(), traits.expertUsed(), traits.expertFfn()}) {
      if (!c.tree().path(key).canConvertToInt() || c.tree().path(key).asInt() <= 0) {
        throw new BadInputException(source + ": " + key + " missing or not a positive integer; a "
            + c.architecture().modelType() + " config needs " + traits.expertCount() + ", " + traits.expertUsed()
            + " and " + traits.expertFfn());
      }
    }
    int count = c.integer(traits.expertCount());
    int used = c.integer(traits.expertUsed());
    if (used > count) {
      throw new BadInputException(source + ": " + traits.expertUsed() + " " + used + " exceeds " + traits.expertCount()
          + " " + count + " (top-k must be at most the expert count)");
    }
  }

  @Override
  int kvHeads(HfConfig c) {
    return c.integer("num_key_value_heads", c.heads());
  }

  @Override
  int headDim(HfConfig c) {
    return c.integer("head_dim", c.hidden() / c.heads());
  }

  @Override
  boolean tiedEmbeddings(HfConfig c) {
    return c.tree().path("tie_word_embeddings").asBoolean(traits.tiedFallback());
  }

  @Override
  ExpertDims experts(HfConfig c) {
    if (traits.expertCount() == null) return ExpertDims.NONE;
    return new ExpertDims(c.integer(traits.expertCount()), c.integer(traits.expertUsed()),
        c.integer(traits.expertFfn()));
  }

  /** SwiGLU or GeGLU, no biases on the projections that count, RMSNorm, rotary positions; experts when MoE. */
  @Override
  TransformerDims dims(HfConfig c) {
    ExpertDims e = c.experts();
    return new TransformerDims(c.layers(), c.hidden(), c.heads(), c.kvHeads(), c.headDim(),
        e.present() ? e.ffn() : c.ffn(), c.vocabSize(), 0, c.tiedEmbeddings(), 0, ModelShape.DECODER, true, false,
        false, e);
  }

  @Override
  long activeParameters(HfConfig c) {
    ExpertDims e = c.experts();
    if (!e.present()) return parameters(c);
    long idle = (long) (e.count() - e.used()) * (3L * c.hidden() * e.ffn()
        + (traits.expertBiases() ? 2L * e.ffn() + c.hidden() : 0));
    return parameters(c) - c.layers() * idle;
  }

  /** Every tensor the GGUF file holds (rope frequency factors aside), tied weights once. */
  @Override
  long parameters(HfConfig c) {
    long h = c.hidden();
    long q = (long) c.heads() * c.headDim();
    long kv = (long) c.kvHeads() * c.headDim();
    long layer = h * q + 2 * h * kv + q * h + 2 * h;
    if (traits.qkvBias()) layer += q + 2 * kv;
    layer += switch (traits.qkNorm()) {
      case NONE -> 0;
      case PER_HEAD -> 2L * c.headDim();
      case FULL -> q + kv;
    };
    if (traits.sandwichNorms()) layer += 2 * h;
    if (traits.sinks()) layer += c.heads() + h;
    ExpertDims e = c.experts();
    if (e.present()) {
      layer += h * e.count() + 3L * e.count() * h * e.ffn();
      if (traits.expertBiases()) layer += e.count() + (long) e.count() * (2L * e.ffn() + h);
    } else {
      layer += 3 * h * c.ffn();
    }
    long v = c.vocabSize();
    return v * h + c.layers() * layer + h + (c.tiedEmbeddings() ? 0 : v * h);
  }
}
