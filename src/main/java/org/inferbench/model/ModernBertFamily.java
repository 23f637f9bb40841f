package org.inferbench.model;

import java.util.Set;
import org.inferbench.core.BadInputException;
import org.inferbench.core.ModelShape;
import org.inferbench.core.TransformerDims;

/**
 * ModernBERT: an encoder with rotary positions, GeGLU (one [h × 2·ffn] input projection), no biases, alternating
 * local (windowed) and global attention. The graph computes the full score matrix on local layers too, so every
 * layer counts as global: the FLOPs executed, not the fewer needed.
 */
final class ModernBertFamily extends Family {
  ModernBertFamily() {
    super(new Keys("num_hidden_layers", "hidden_size", "num_attention_heads", "intermediate_size",
        "max_position_embeddings", "norm_eps", 1e-5), Set.of("norm_eps", "local_attention",
        "global_attn_every_n_layers", "global_rope_theta", "local_rope_theta", "norm_bias", "mlp_bias",
        "attention_bias"));
  }

  @Override
  void validate(HfConfig c, String source) throws BadInputException {
    super.validate(c, source);
    expect(c, source, "hidden_activation", "gelu", "gelu");
    for (String bias : new String[] {"norm_bias", "mlp_bias", "attention_bias"}) {
      if (c.tree().path(bias).asBoolean(false)) {
        throw new BadInputException(source + ": " + bias + " true is not supported; expected false");
      }
    }
    if (c.headDim() % 2 != 0) {
      throw new BadInputException(source + ": head dim " + c.headDim() + " must be even for rotary embeddings");
    }
  }

  @Override
  TransformerDims dims(HfConfig c) {
    return new TransformerDims(c.layers(), c.hidden(), c.heads(), c.kvHeads(), c.headDim(), c.ffn(), c.vocabSize(),
        0, true, 0, ModelShape.ENCODER, true, false, false);
  }

  @Override
  long parameters(HfConfig c) {
    long h = c.hidden();
    long f = c.ffn();
    return c.vocabSize() * h + h
        + c.layers() * (h * 3 * h + h * h + 2 * h + h * 2 * f + f * h) - h /*layer 0 has no attention norm*/ + h;
  }
}
