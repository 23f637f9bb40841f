package org.inferbench.core;

/** The three ways a transformer answers a request, each timed differently. */
public enum ModelShape {
  /** One forward pass per request (BERT). */
  ENCODER,
  /** Prefill, then one decode step per output token (GPT-2). */
  DECODER,
  /** Encoder pass, then decode steps against its output (T5). */
  ENCODER_DECODER;

  public String label() {
    return name().toLowerCase().replace('_', '-');
  }

  public boolean generates() {
    return this != ENCODER;
  }
}
