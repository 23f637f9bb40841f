package org.inferbench.model.synth;

/** An encoder: one forward pass from token ids to last_hidden_state. */
interface EncoderGraph {
  /** Declares the graph inputs. */
  void inputs(GraphBuilder g);

  /** Builds the pass; returns the last_hidden_state value. */
  String body(GraphBuilder g);

  /** Width of last_hidden_state. */
  int hidden();

  /** The symbolic name of the sequence dimension (Optimum names a seq2seq encoder's differently). */
  default String sequenceDim() {
    return "sequence_length";
  }
}
