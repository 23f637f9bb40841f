package org.inferbench.model.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.inferbench.model.HfConfig;

/** Small configs of each family, fast enough to run a reference forward pass in plain Java. */
final class TinyConfigs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TinyConfigs() {}

  static HfConfig parse(String json) {
    try {
      return HfConfig.of(JSON.readTree(json), "test");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HfConfig gpt2() {
    return parse("""
        {"model_type": "gpt2", "n_embd": 32, "n_head": 4, "n_layer": 2, "n_positions": 64, "vocab_size": 97,
         "layer_norm_epsilon": 1e-05, "activation_function": "gelu_new", "bos_token_id": 96, "eos_token_id": 96}""");
  }

  /**
   * A llama with grouped-query attention (4 query heads over 2 key-value heads), a tied lm_head and Llama 3's rope
   * scaling, with a vocabulary large enough for GGUF's 256 byte tokens.
   */
  static HfConfig llama() {
    return parse("""
        {"model_type": "llama", "hidden_size": 64, "num_attention_heads": 4, "num_key_value_heads": 2,
         "num_hidden_layers": 2, "intermediate_size": 128, "max_position_embeddings": 256, "vocab_size": 300,
         "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "tie_word_embeddings": true, "bos_token_id": 1,
         "eos_token_id": 2, "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
         "original_max_position_embeddings": 64, "rope_type": "llama3"}}""");
  }

  static HfConfig bert() {
    return parse("""
        {"model_type": "bert", "hidden_size": 32, "num_attention_heads": 4, "num_hidden_layers": 2,
         "intermediate_size": 64, "max_position_embeddings": 64, "vocab_size": 120, "type_vocab_size": 2,
         "layer_norm_eps": 1e-12, "hidden_act": "gelu", "pad_token_id": 0}""");
  }

  /** Local window 4 (two positions either side), shorter than the test sequences. */
  static HfConfig modernBert() {
    return parse("""
        {"model_type": "modernbert", "hidden_size": 32, "num_attention_heads": 4, "num_hidden_layers": 4,
         "intermediate_size": 48, "max_position_embeddings": 64, "vocab_size": 100, "norm_eps": 1e-05,
         "local_attention": 4, "global_attn_every_n_layers": 3, "global_rope_theta": 160000.0,
         "local_rope_theta": 10000.0, "norm_bias": false, "mlp_bias": false, "attention_bias": false}""");
  }

  /** Max distance 16 with 8 buckets so that test sequences reach the logarithmic buckets. */
  static HfConfig t5() {
    return parse("""
        {"model_type": "t5", "d_model": 32, "d_kv": 8, "d_ff": 64, "num_heads": 4, "num_layers": 2,
         "num_decoder_layers": 2, "vocab_size": 90, "relative_attention_num_buckets": 8,
         "relative_attention_max_distance": 16, "layer_norm_epsilon": 1e-06, "feed_forward_proj": "relu",
         "decoder_start_token_id": 0, "eos_token_id": 1, "pad_token_id": 0}""");
  }
}
