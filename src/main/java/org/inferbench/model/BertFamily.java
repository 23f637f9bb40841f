package org.inferbench.model;

import java.util.Set;
import org.inferbench.core.BadInputException;
import org.inferbench.core.ModelShape;
import org.inferbench.core.TransformerDims;

/** BERT: an encoder with LayerNorm, learned absolute positions, token types, GELU (erf) and a pooler. */
final class BertFamily extends Family {
  BertFamily() {
    super(new Keys("num_hidden_layers", "hidden_size", "num_attention_heads", "intermediate_size",
        "max_position_embeddings", "layer_norm_eps", 1e-12), Set.of("type_vocab_size", "layer_norm_eps", "hidden_act"));
  }

  @Override
  void validate(HfConfig c, String source) throws BadInputException {
    super.validate(c, source);
    expect(c, source, "hidden_act", "gelu", "gelu");
    expect(c, source, "position_embedding_type", "absolute", "absolute");
  }

  @Override
  TransformerDims dims(HfConfig c) {
    return new TransformerDims(c.layers(), c.hidden(), c.heads(), c.kvHeads(), c.headDim(), c.ffn(), c.vocabSize(),
        c.maxPositions(), true, 0, ModelShape.ENCODER, false, true, true);
  }

  /** The pooler included, as the published count does. */
  @Override
  long parameters(HfConfig c) {
    long h = c.hidden();
    long f = c.ffn();
    return c.vocabSize() * h + (long) c.maxPositions() * h + (long) c.typeVocabSize() * h + 2 * h
        + c.layers() * (4 * (h * h + h) + h * f + f + f * h + h + 4 * h) + h * h + h;
  }
}
