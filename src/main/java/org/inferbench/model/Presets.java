package org.inferbench.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.inferbench.engine.BadInputException;

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
