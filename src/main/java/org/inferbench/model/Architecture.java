package org.inferbench.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.inferbench.core.ModelShape;
import org.inferbench.model.DecoderTraits.QkNorm;

/**
 * The transformer families InferBench can synthesise and load, keyed by Hugging Face {@code model_type}, each with
 * its {@link Family}: the one place that knows its config keys, checks and counts.
 */
public enum Architecture {
  GPT2("gpt2", ModelShape.DECODER, new Gpt2Family()),
  BERT("bert", ModelShape.ENCODER, new BertFamily()),
  MODERNBERT("modernbert", ModelShape.ENCODER, new ModernBertFamily()),
  T5("t5", ModelShape.ENCODER_DECODER, new T5Family()),
  /** Llama and its descendants (SmolLM2, TinyLlama, Llama 3): RMSNorm, RoPE, SwiGLU, grouped-query attention. */
  LLAMA("llama", decoder(DecoderTraits.dense("hidden_act", "silu", false).withRope("llama3"))),
  /** Qwen2 and Qwen2.5: Llama's layout with biases on q, k and v. */
  QWEN2("qwen2", decoder(DecoderTraits.dense("hidden_act", "silu", false).withQkvBias())),
  /** Qwen3: no qkv biases, RMSNorm of each head's query and key. */
  QWEN3("qwen3", decoder(DecoderTraits.dense("hidden_act", "silu", false).withQkNorm(QkNorm.PER_HEAD))),
  /** Qwen3's mixture of experts (30B-A3B): every layer routes each token to top-k of its experts. */
  QWEN3_MOE("qwen3_moe", decoder(DecoderTraits.dense("hidden_act", "silu", false).withQkNorm(QkNorm.PER_HEAD)
      .withExperts("num_experts", "num_experts_per_tok", "moe_intermediate_size"), "norm_topk_prob")),
  /**
   * Gemma 3's text model: GeGLU (tanh), per-head q/k norms, norms after attention and feed-forward too, embeddings
   * scaled by √hidden, five sliding-window layers to one global.
   */
  GEMMA3("gemma3_text", decoder(DecoderTraits.dense("hidden_activation", "gelu_pytorch_tanh", true)
      .withQkNorm(QkNorm.PER_HEAD).withSandwichNorms().withRope("linear"), "sliding_window", "sliding_window_pattern",
      "rope_local_base_freq", "query_pre_attn_scalar")),
  /** Phi-3 and Phi-4-mini: fused qkv and gate-up projections, partial rotary embedding. */
  PHI3("phi3", decoder(DecoderTraits.dense("hidden_act", "silu", false), "partial_rotary_factor")),
  /** OLMoE: 64 experts, top-8, RMSNorm over the whole query and key projections. */
  OLMOE("olmoe", decoder(DecoderTraits.dense("hidden_act", "silu", false).withQkNorm(QkNorm.FULL)
      .withExperts("num_experts", "num_experts_per_tok", "intermediate_size"), "norm_topk_prob")),
  /**
   * gpt-oss: experts with biases (MXFP4 in the published files), attention sinks, qkv biases, sliding-window layers
   * alternating with full ones, YaRN RoPE.
   */
  GPT_OSS("gpt_oss", decoder(DecoderTraits.dense("hidden_act", "silu", false).withQkvBias().withSinks().withRope("yarn")
      .withExperts("num_local_experts", "num_experts_per_tok", "intermediate_size"), "sliding_window", "swiglu_limit"));

  private final String modelType;
  private final ModelShape shape;
  private final Family family;

  Architecture(String modelType, ModelShape shape, Family family) {
    this.modelType = modelType;
    this.shape = shape;
    this.family = family;
  }

  Architecture(String modelType, Family family) {
    this(modelType, ModelShape.DECODER, family);
  }

  private static Family decoder(DecoderTraits traits, String... optionalKeys) {
    return new DecoderFamily(traits, optionalKeys);
  }

  /** The {@code model_type} value in a Hugging Face config.json. */
  public String modelType() {
    return modelType;
  }

  public ModelShape shape() {
    return shape;
  }

  Family family() {
    return family;
  }

  /** Whether this is a Llama-like decoder (RMSNorm, RoPE, gated feed-forward), dense or mixture-of-experts. */
  public boolean llamaLike() {
    return family instanceof DecoderFamily;
  }

  /** The traits of a Llama-like decoder, or empty for the other families. */
  public Optional<DecoderTraits> decoderTraits() {
    return family instanceof DecoderFamily d ? Optional.of(d.traits()) : Optional.empty();
  }

  public static Optional<Architecture> fromModelType(String modelType) {
    return Arrays.stream(values()).filter(a -> a.modelType.equals(modelType)).findFirst();
  }

  /** Comma-separated model_type values, for error messages. */
  public static String known() {
    return Arrays.stream(values()).map(Architecture::modelType).collect(Collectors.joining(", "));
  }
}
