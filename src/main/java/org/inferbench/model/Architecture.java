package org.inferbench.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.inferbench.engine.ModelShape;

/** The transformer families InferBench can synthesise and load, keyed by Hugging Face {@code model_type}. */
public enum Architecture {
  GPT2("gpt2", ModelShape.DECODER),
  BERT("bert", ModelShape.ENCODER),
  MODERNBERT("modernbert", ModelShape.ENCODER),
  T5("t5", ModelShape.ENCODER_DECODER),
  /** Llama and its descendants (SmolLM2, TinyLlama, Llama 3): RMSNorm, RoPE, SwiGLU, grouped-query attention. */
  LLAMA("llama", ModelShape.DECODER);

  private final String modelType;
  private final ModelShape shape;

  Architecture(String modelType, ModelShape shape) {
    this.modelType = modelType;
    this.shape = shape;
  }

  /** The {@code model_type} value in a Hugging Face config.json. */
  public String modelType() {
    return modelType;
  }

  public ModelShape shape() {
    return shape;
  }

  public static Optional<Architecture> fromModelType(String modelType) {
    return Arrays.stream(values()).filter(a -> a.modelType.equals(modelType)).findFirst();
  }

  /** Comma-separated model_type values, for error messages. */
  public static String known() {
    return Arrays.stream(values()).map(Architecture::modelType).collect(Collectors.joining(", "));
  }
}
