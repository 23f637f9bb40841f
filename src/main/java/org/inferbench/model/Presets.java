package org.inferbench.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.inferbench.core.BadInputException;

/**
 * Well-known models by name, each as the config.json its Hugging Face repository publishes (training-only fields
 * such as dropout kept, so the config hash identifies the same model as the published one).
 */
public final class Presets {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> CONFIGS = new LinkedHashMap<>();

  static {
    String gpt2 = """
        {"activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"], "attn_pdrop": 0.1,
         "bos_token_id": 50256, "embd_pdrop": 0.1, "eos_token_id": 50256, "initializer_range": 0.02,
         "layer_norm_epsilon": 1e-05, "model_type": "gpt2", "n_ctx": 1024, "n_embd": %d, "n_head": %d,
         "n_layer": %d, "n_positions": 1024, "resid_pdrop": 0.1, "summary_activation": null,
         "summary_first_dropout": 0.1, "summary_proj_to_labels": true, "summary_type": "cls_index",
         "summary_use_proj": true, "task_specific_params": {"text-generation": {"do_sample": true, "max_length": 50}},
         "vocab_size": 50257}""";
    CONFIGS.put("gpt2", gpt2.formatted(768, 12, 12));
    CONFIGS.put("gpt2-medium", gpt2.formatted(1024, 16, 24));
    CONFIGS.put("gpt2-large", gpt2.formatted(1280, 20, 36));
    CONFIGS.put("distilgpt2", gpt2.formatted(768, 12, 6));
    String bert = """
        {"architectures": ["%s"], "attention_probs_dropout_prob": 0.1, "gradient_checkpointing": false,
         "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "hidden_size": %d, "initializer_range": 0.02,
         "intermediate_size": %d, "layer_norm_eps": 1e-12, "max_position_embeddings": 512, "model_type": "bert",
         "num_attention_heads": %d, "num_hidden_layers": %d, "pad_token_id": 0,
         "position_embedding_type": "absolute", "transformers_version": "%s", "type_vocab_size": 2,
         "use_cache": true, "vocab_size": 30522}""";
    CONFIGS.put("bert-base-uncased", bert.formatted("BertForMaskedLM", 768, 3072, 12, 12, "4.6.0.dev0"));
    CONFIGS.put("bert-large-uncased", bert.formatted("BertForMaskedLM", 1024, 4096, 16, 24, "4.6.0.dev0"));
    CONFIGS.put("all-MiniLM-L6-v2", bert.formatted("BertModel", 384, 1536, 12, 6, "4.8.2"));
    CONFIGS.put("modernbert-base", """
        {"architectures": ["ModernBertForMaskedLM"], "attention_bias": false, "attention_dropout": 0.0,
         "bos_token_id": 50281, "classifier_activation": "gelu", "classifier_bias": false,
         "classifier_dropout": 0.0, "classifier_pooling": "mean", "cls_token_id": 50281, "decoder_bias": true,
         "deterministic_flash_attn": false, "embedding_dropout": 0.0, "eos_token_id": 50282,
         "global_attn_every_n_layers": 3, "global_rope_theta": 160000.0, "gradient_checkpointing": false,
         "hidden_activation": "gelu", "hidden_size": 768, "initializer_cutoff_factor": 2.0,
         "initializer_range": 0.02, "intermediate_size": 1152, "layer_norm_eps": 1e-05, "local_attention": 128,
         "local_rope_theta": 10000.0, "max_position_embeddings": 8192, "mlp_bias": false, "mlp_dropout": 0.0,
         "model_type": "modernbert", "norm_bias": false, "norm_eps": 1e-05, "num_attention_heads": 12,
         "num_hidden_layers": 22, "pad_token_id": 50283, "position_embedding_type": "absolute",
         "sep_token_id": 50282, "tie_word_embeddings": true, "torch_dtype": "float32",
         "transformers_version": "4.47.0.dev0", "vocab_size": 50368}""");
    String t5 = """
        {"architectures": ["T5ForConditionalGeneration"], "d_ff": %d, "d_kv": 64, "d_model": %d,
         "decoder_start_token_id": 0, "dropout_rate": 0.1, "eos_token_id": 1, "initializer_factor": 1.0,
         "is_encoder_decoder": true, "layer_norm_epsilon": 1e-06, "model_type": "t5", "n_positions": 512,
         "num_heads": %d, "num_layers": %d, "output_past": true, "pad_token_id": 0,
         "relative_attention_num_buckets": 32, "vocab_size": 32128}""";
    CONFIGS.put("t5-small", t5.formatted(2048, 512, 8, 6));
    CONFIGS.put("t5-base", t5.formatted(3072, 768, 12, 12));
    CONFIGS.put("smollm2-135m", """
        {"architectures": ["LlamaForCausalLM"], "attention_bias": false, "attention_dropout": 0.0, "bos_token_id": 0,
         "eos_token_id": 0, "hidden_act": "silu", "hidden_size": 576, "initializer_range": 0.041666666666666664,
         "intermediate_size": 1536, "is_llama_config": true, "max_position_embeddings": 8192, "model_type": "llama",
         "num_attention_heads": 9, "num_hidden_layers": 30, "num_key_value_heads": 3, "pretraining_tp": 1,
         "rms_norm_eps": 1e-05, "rope_interleaved": false, "rope_scaling": null, "rope_theta": 100000,
         "tie_word_embeddings": true, "torch_dtype": "bfloat16", "transformers_version": "4.40.1", "use_cache": true,
         "vocab_size": 49152}""");
    CONFIGS.put("tinyllama-1.1b", """
        {"architectures": ["LlamaForCausalLM"], "attention_bias": false, "bos_token_id": 1, "eos_token_id": 2,
         "hidden_act": "silu", "hidden_size": 2048, "initializer_range": 0.02, "intermediate_size": 5632,
         "max_position_embeddings": 2048, "model_type": "llama", "num_attention_heads": 32, "num_hidden_layers": 22,
         "num_key_value_heads": 4, "pretraining_tp": 1, "rms_norm_eps": 1e-05, "rope_scaling": null,
         "rope_theta": 10000.0, "tie_word_embeddings": false, "torch_dtype": "bfloat16",
         "transformers_version": "4.35.0", "use_cache": true, "vocab_size": 32000}""");
    CONFIGS.put("llama-3.2-1b", """
        {"architectures": ["LlamaForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
         "bos_token_id": 128000, "eos_token_id": 128001, "head_dim": 64, "hidden_act": "silu", "hidden_size": 2048,
         "initializer_range": 0.02, "intermediate_size": 8192, "max_position_embeddings": 131072, "mlp_bias": false,
         "model_type": "llama", "num_attention_heads": 32, "num_hidden_layers": 16, "num_key_value_heads": 8,
         "pretraining_tp": 1, "rms_norm_eps": 1e-05, "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0,
         "low_freq_factor": 1.0, "original_max_position_embeddings": 8192, "rope_type": "llama3"},
         "rope_theta": 500000.0, "tie_word_embeddings": true, "torch_dtype": "bfloat16",
         "transformers_version": "4.45.0.dev0", "use_cache": true, "vocab_size": 128256}""");
    // not a published model: the smallest llama whose every matrix is a multiple of 256 wide, so each K-quant is
    // really used (no fallback), with an untied output so both token_embd and output are written
    CONFIGS.put("llama-tiny", """
        {"architectures": ["LlamaForCausalLM"], "bos_token_id": 1, "eos_token_id": 2, "hidden_act": "silu",
         "hidden_size": 256, "intermediate_size": 512, "max_position_embeddings": 512, "model_type": "llama",
         "num_attention_heads": 4, "num_hidden_layers": 2, "num_key_value_heads": 2, "rms_norm_eps": 1e-05,
         "rope_theta": 10000.0, "tie_word_embeddings": false, "vocab_size": 512}""");
    // Published config.json values of the models people run on CPUs in 2026; each family's shapes are those
    // llama.cpp's loader recognises by size (src/models/<family>.cpp load_arch_hparams: qwen3 28 layers at 1024 wide
    // = 0.6B, 2048 = 1.7B, 36 at 2560 = 4B; qwen3moe 48 = 30B-A3B; gemma3 26 = 1B, 34 = 4B; phi3 32 = 3B;
    // olmoe 16 = A1.7B; gpt-oss 24 = 20B).
    String qwen2 = """
        {"architectures": ["Qwen2ForCausalLM"], "attention_dropout": 0.0, "bos_token_id": 151643,
         "eos_token_id": 151643, "hidden_act": "silu", "hidden_size": %d, "initializer_range": 0.02,
         "intermediate_size": %d, "max_position_embeddings": %d, "max_window_layers": %d, "model_type": "qwen2",
         "num_attention_heads": %d, "num_hidden_layers": %d, "num_key_value_heads": 2, "rms_norm_eps": 1e-06,
         "rope_theta": 1000000.0, "sliding_window": %d, "tie_word_embeddings": true, "torch_dtype": "bfloat16",
         "transformers_version": "4.40.1", "use_cache": true, "use_sliding_window": false, "vocab_size": 151936}""";
    CONFIGS.put("qwen2.5-0.5b", qwen2.formatted(896, 4864, 32768, 24, 14, 24, 32768));
    CONFIGS.put("qwen2.5-1.5b", qwen2.formatted(1536, 8960, 131072, 21, 12, 28, 131072));
    String qwen3 = """
        {"architectures": ["Qwen3ForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
         "bos_token_id": 151643, "eos_token_id": 151645, "head_dim": 128, "hidden_act": "silu", "hidden_size": %d,
         "initializer_range": 0.02, "intermediate_size": %d, "max_position_embeddings": 40960,
         "max_window_layers": %d, "model_type": "qwen3", "num_attention_heads": %d, "num_hidden_layers": %d,
         "num_key_value_heads": 8, "rms_norm_eps": 1e-06, "rope_scaling": null, "rope_theta": 1000000,
         "sliding_window": null, "tie_word_embeddings": true, "torch_dtype": "bfloat16",
         "transformers_version": "4.51.0", "use_cache": true, "use_sliding_window": false, "vocab_size": 151936}""";
    CONFIGS.put("qwen3-0.6b", qwen3.formatted(1024, 3072, 28, 16, 28));
    CONFIGS.put("qwen3-1.7b", qwen3.formatted(2048, 6144, 28, 16, 28));
    CONFIGS.put("qwen3-4b", qwen3.formatted(2560, 9728, 36, 32, 36));
    CONFIGS.put("qwen3-30b-a3b", """
        {"architectures": ["Qwen3MoeForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
         "bos_token_id": 151643, "decoder_sparse_step": 1, "eos_token_id": 151645, "head_dim": 128,
         "hidden_act": "silu", "hidden_size": 2048, "initializer_range": 0.02, "intermediate_size": 6144,
         "max_position_embeddings": 40960, "max_window_layers": 48, "mlp_only_layers": [], "model_type": "qwen3_moe",
         "moe_intermediate_size": 768, "norm_topk_prob": true, "num_attention_heads": 32, "num_experts": 128,
         "num_experts_per_tok": 8, "num_hidden_layers": 48, "num_key_value_heads": 4, "output_router_logits": false,
         "rms_norm_eps": 1e-06, "rope_scaling": null, "rope_theta": 1000000.0, "router_aux_loss_coef": 0.001,
         "sliding_window": null, "tie_word_embeddings": false, "torch_dtype": "bfloat16",
         "transformers_version": "4.51.0", "use_cache": true, "use_sliding_window": false, "vocab_size": 151936}""");
    // Gemma 3 1B is a text model (Gemma3ForCausalLM); the 4B's config.json is multimodal and these are its
    // text_config values, with the global layers' linear RoPE scaling (factor 8) as published
    String gemma3 = """
        {"architectures": ["Gemma3ForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
         "attn_logit_softcapping": null, "bos_token_id": 2, "eos_token_id": 1, "final_logit_softcapping": null,
         "head_dim": 256, "hidden_activation": "gelu_pytorch_tanh", "hidden_size": %d, "initializer_range": 0.02,
         "intermediate_size": %d, "max_position_embeddings": %d, "model_type": "gemma3_text",
         "num_attention_heads": %d, "num_hidden_layers": %d, "num_key_value_heads": %d, "pad_token_id": 0,
         "query_pre_attn_scalar": 256, "rms_norm_eps": 1e-06, "rope_local_base_freq": 10000, "rope_scaling": %s,
         "rope_theta": 1000000, "sliding_window": %d, "sliding_window_pattern": 6, "torch_dtype": "bfloat16",
         "transformers_version": "4.50.0.dev0", "use_cache": true, "vocab_size": %d}""";
    CONFIGS.put("gemma3-1b", gemma3.formatted(1152, 6912, 32768, 4, 26, 1, "null", 512, 262144));
    CONFIGS.put("gemma3-4b", gemma3.formatted(2560, 10240, 131072, 8, 34, 4,
        "{\"factor\": 8.0, \"rope_type\": \"linear\"}", 1024, 262208));
    // published with "longrope" rope_scaling (per-frequency factors for contexts beyond 4096, a 48-value tensor that
    // does not change the work of a step); left out here, so RoPE is plain up to the original 4096 context
    CONFIGS.put("phi-4-mini", """
        {"architectures": ["Phi3ForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
         "bos_token_id": 199999, "embd_pdrop": 0.0, "eos_token_id": 199999, "full_attn_mod": 1, "hidden_act": "silu",
         "hidden_size": 3072, "initializer_range": 0.02, "intermediate_size": 8192, "interpolate_factor": 1,
         "lm_head_bias": false, "max_position_embeddings": 131072, "mlp_bias": false, "model_type": "phi3",
         "num_attention_heads": 24, "num_hidden_layers": 32, "num_key_value_heads": 8,
         "original_max_position_embeddings": 4096, "pad_token_id": 199999, "partial_rotary_factor": 0.75,
         "resid_pdrop": 0.0, "rms_norm_eps": 1e-05, "rope_theta": 10000.0, "sliding_window": 262144,
         "tie_word_embeddings": true, "torch_dtype": "bfloat16", "transformers_version": "4.45.0", "use_cache": true,
         "vocab_size": 200064}""");
    CONFIGS.put("olmoe-1b-7b", """
        {"architectures": ["OlmoeForCausalLM"], "attention_bias": false, "attention_dropout": 0.0, "clip_qkv": null,
         "eos_token_id": 50279, "hidden_act": "silu", "hidden_size": 2048, "initializer_range": 0.02,
         "intermediate_size": 1024, "max_position_embeddings": 4096, "model_type": "olmoe", "norm_topk_prob": false,
         "num_attention_heads": 16, "num_experts": 64, "num_experts_per_tok": 8, "num_hidden_layers": 16,
         "num_key_value_heads": 16, "output_router_logits": false, "pad_token_id": 1, "rms_norm_eps": 1e-05,
         "rope_scaling": null, "rope_theta": 10000.0, "router_aux_loss_coef": 0.01, "tie_word_embeddings": false,
         "torch_dtype": "bfloat16", "transformers_version": "4.43.0.dev0", "use_cache": true, "vocab_size": 50304}""");
    CONFIGS.put("gpt-oss-20b", """
        {"architectures": ["GptOssForCausalLM"], "attention_bias": true, "attention_dropout": 0.0,
         "eos_token_id": 200002, "experts_per_token": 4, "head_dim": 64, "hidden_act": "silu", "hidden_size": 2880,
         "initial_context_length": 4096, "initializer_range": 0.02, "intermediate_size": 2880, "layer_types": [%s],
         "max_position_embeddings": 131072, "model_type": "gpt_oss", "num_attention_heads": 64,
         "num_experts_per_tok": 4, "num_hidden_layers": 24, "num_key_value_heads": 8, "num_local_experts": 32,
         "output_router_logits": false, "pad_token_id": 199999, "rms_norm_eps": 1e-05, "rope_scaling":
         {"beta_fast": 32.0, "beta_slow": 1.0, "factor": 32.0, "original_max_position_embeddings": 4096,
         "rope_type": "yarn", "truncate": false}, "rope_theta": 150000, "router_aux_loss_coef": 0.9,
         "sliding_window": 128, "swiglu_limit": 7.0, "tie_word_embeddings": false,
         "transformers_version": "4.55.0.dev0", "use_cache": true, "vocab_size": 201088}"""
        .formatted(String.join(", ", java.util.Collections.nCopies(12, "\"sliding_attention\", \"full_attention\""))));
  }

  private Presets() {}

  public static List<String> names() {
    return List.copyOf(CONFIGS.keySet());
  }

  public static Map<String, String> all() {
    return Collections.unmodifiableMap(CONFIGS);
  }

  public static Optional<HfConfig> find(String name) {
    String json = CONFIGS.get(name);
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(HfConfig.of(JSON.readTree(json), "preset " + name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (BadInputException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The preset's config, or an error listing the preset names. */
  public static HfConfig get(String name) throws BadInputException {
    return find(name).orElseThrow(() -> new BadInputException(
        "--model " + name + ": no such preset or directory; presets: " + String.join(", ", names())));
  }
}
