package org.inferbench.model;

import java.util.Set;
import org.inferbench.core.BadInputException;
import org.inferbench.core.ModelShape;
import org.inferbench.core.TransformerDims;

/**
 * T5: an encoder-decoder with relative position buckets, RMS-style norms, no biases; "layers" are the decoder's (it
 * runs once per generated token). It has no position table, so no hard length limit: n_positions when the config
 * states one, else a large bound so workloads are never refused for length.
 */
final class T5Family extends Family {
  T5Family() {
    super(new Keys("num_decoder_layers", "d_model", "num_heads", "d_ff", "n_positions", "layer_norm_epsilon", 1e-6),
        Set.of("num_decoder_layers", "layer_norm_epsilon", "relative_attention_num_buckets",
            "relative_attention_max_distance", "feed_forward_proj", "tie_word_embeddings", "n_positions"));
  }

  @Override
  void validate(HfConfig c, String source) throws BadInputException {
    expect(c, source, "feed_forward_proj", "relu", "relu");
  }

  @Override
  int layers(HfConfig c) {
    return c.integer("num_decoder_layers", c.integer("num_layers"));
  }

  @Override
  int maxPositions(HfConfig c) {
    return c.integer("n_positions", 1 << 20);
  }

  @Override
  int headDim(HfConfig c) {
    return c.integer("d_kv");
  }

  @Override
  boolean tiedEmbeddings(HfConfig c) {
    return c.tree().path("tie_word_embeddings").asBoolean(true);
  }

  @Override
  TransformerDims dims(HfConfig c) {
    return new TransformerDims(c.layers(), c.hidden(), c.heads(), c.kvHeads(), c.headDim(), c.ffn(), c.vocabSize(),
        0, c.tiedEmbeddings(), c.encoderLayers(), ModelShape.ENCODER_DECODER,
        c.text("feed_forward_proj", "relu").startsWith("gated"), false, false);
  }

  @Override
  long parameters(HfConfig c) {
    long h = c.hidden();
    long f = c.ffn();
    long v = c.vocabSize();
    long inner = (long) c.heads() * c.headDim();
    long attn = 4 * h * inner;
    long ff = 2 * h * f;
    long rel = (long) c.relativeBuckets() * c.heads();
    long enc = c.encoderLayers() * (attn + ff + 2 * h) + rel + h;
    long dec = c.layers() * (2 * attn + ff + 3 * h) + rel + h;
    return v * h + enc + dec + (c.tiedEmbeddings() ? 0 : v * h);
  }
}
