package org.inferbench.engine;

import org.inferbench.core.ModelShape;

/** What an engine can do; checked by the harness before anything runs. */
public enum Capability {
  ENCODER,
  DECODER,
  ENCODER_DECODER,
  /** Decoding with a key/value cache (and, where declared with DECODER, without). */
  KV_CACHE,
  /** Requests with batch size above 1. */
  BATCH,
  DEVICE_CPU,
  DEVICE_CUDA,
  /** Steps are chunks arriving from a remote server, possibly several tokens each. */
  STREAMING,
  /** Text prompts ({@code --prompt-text}, {@code --prompt-file}): the engine has a tokenizer, or sends text. */
  TEXT_PROMPTS;

  public static Capability of(ModelShape shape) {
    return switch (shape) {
      case ENCODER -> ENCODER;
      case DECODER -> DECODER;
      case ENCODER_DECODER -> ENCODER_DECODER;
    };
  }
}
