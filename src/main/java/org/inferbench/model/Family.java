package org.inferbench.model;

import java.util.Set;
import org.inferbench.core.BadInputException;
import org.inferbench.core.ExpertDims;
import org.inferbench.core.TransformerDims;

/**
 * One architecture's facts, in one place: where its config.json keeps each dimension (n_embd, hidden_size or
 * d_model), which optional fields it reads, what it refuses, and how it counts its shape and parameters.
 * {@link HfConfig} asks the family of its model_type; {@link Architecture} registers one family per model_type.
 */
abstract class Family {
  /** The config keys of the dimensions every family has; the fallback epsilon when the key is absent. */
  record Keys(String layers, String hidden, String heads, String ffn, String positions, String eps,
      double epsFallback) {}

  private final Keys keys;
  private final Set<String> optional;

  Family(Keys keys, Set<String> optional) {
    this.keys = keys;
    this.optional = optional;
  }

  final Keys keys() {
    return keys;
  }

  /** Fields read with a default when absent, so an override may set them. */
  final Set<String> optionalKeys() {
    return optional;
  }

  /** Refuses a config this family's writers cannot build as asked; dimensions are checked positive before. */
  void validate(HfConfig c, String source) throws BadInputException {
    if (c.hidden() % c.heads() != 0) {
      throw new BadInputException(source + ": hidden size " + c.hidden() + " is not a multiple of heads " + c.heads());
    }
  }

  int layers(HfConfig c) {
    return c.integer(keys.layers());
  }

  int ffn(HfConfig c) {
    return c.integer(keys.ffn());
  }

  int maxPositions(HfConfig c) {
    return c.integer(keys.positions());
  }

  int kvHeads(HfConfig c) {
    return c.heads();
  }

  int headDim(HfConfig c) {
    return c.hidden() / c.heads();
  }

  boolean tiedEmbeddings(HfConfig c) {
    return true;
  }

  /** Experts of a mixture-of-experts feed-forward block, or {@link ExpertDims#NONE}. */
  ExpertDims experts(HfConfig c) {
    return ExpertDims.NONE;
  }

  abstract TransformerDims dims(HfConfig c);

  /** Unique trainable weights, tied weights counted once. */
  abstract long parameters(HfConfig c);

  /**
   * Parameters one token's forward pass uses: all of a dense model's; of a mixture of experts all but the experts it
   * is not routed to (the embedding table counted whole, as the Qwen and OLMoE cards count "activated" parameters).
   */
  long activeParameters(HfConfig c) {
    return parameters(c);
  }

  /** Shared check: a config value must be one the writer builds. */
  static void expect(HfConfig c, String source, String key, String fallback, String... supported)
      throws BadInputException {
    String value = c.text(key, fallback);
    for (String s : supported) {
      if (s.equals(value)) return;
    }
    throw new BadInputException(source + ": " + key + " \"" + value + "\" is not supported; expected "
        + String.join(" or ", supported));
  }
}
