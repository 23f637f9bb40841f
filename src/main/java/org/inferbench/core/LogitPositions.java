package org.inferbench.core;

/** Which prompt positions a prefill computes logits for: it decides how often lm_head runs before the first token. */
public enum LogitPositions {
  /** Every position (Optimum's ONNX exports and InferBench's synthetic graphs return [batch, seq, vocab]). */
  EVERY,
  /** The last position only (llama.cpp computes one row of logits unless asked for all). */
  LAST
}
