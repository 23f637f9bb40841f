package org.inferbench.model;

import java.util.Set;
import org.inferbench.core.BadInputException;
import org.inferbench.core.ModelShape;
import org.inferbench.core.TransformerDims;

/** GPT-2: LayerNorm, learned positions, fused qkv (Conv1D), GELU (tanh), biases everywhere, tied lm_head. */
final class Gpt2Family extends Family {
  Gpt2Family() {
    super(new Keys("n_layer", "n_embd", "n_head", "n_inner", "n_positions", "layer_norm_epsilon", 1e-5),
        Set.of("n_inner", "layer_norm_epsilon", "activation_function"));
  }

  @Override
  void validate(HfConfig c, String source) throws BadInputException {
    super.validate(c, source);
    expect(c, source, "activation_function", "gelu_new", "gelu_new");
  }

  /** n_inner is null in the published configs: four times the width. */
  @Override
  int ffn(HfConfig c) {
    return c.integer("n_inner", 4 * c.hidden());
  }

  @Override
  TransformerDims dims(HfConfig c) {
    return new TransformerDims(c.layers(), c.hidden(), c.heads(), c.kvHeads(), c.headDim(), c.ffn(), c.vocabSize(),
        c.maxPositions(), true, 0, ModelShape.DECODER, false, true, true);
  }

  @Override
  long parameters(HfConfig c) {
    long h = c.hidden();
    long f = c.ffn();
    return c.vocabSize() * h + (long) c.maxPositions() * h
        + c.layers() * (4 * h /*two norms*/ + h * 3 * h + 3 * h + h * h + h + h * f + f + f * h + h) + 2 * h;
  }
}
