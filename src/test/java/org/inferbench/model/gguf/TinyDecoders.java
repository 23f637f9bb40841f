package org.inferbench.model.gguf;

import java.util.LinkedHashMap;
import java.util.Map;
import org.inferbench.model.HfConfig;
import org.inferbench.model.Presets;

/**
 * A tiny instance of each 2026 family: its preset with the dimensions shrunk through --model-opt overrides (the same
 * keys, so the same code paths), every matrix a multiple of 256 wide so each K-quant is really used, four experts
 * (not eight: llama.cpp's quantizer special-cases eight) with top-2, and windows of 4 so that sliding-window layers
 * mask within a dozen tokens. Weights have std 0.1 rather than 0.02: at 0.02 a family without q/k norms attends
 * almost uniformly, so RoPE and windows would hardly change its output and a check could not see them.
 */
public final class TinyDecoders {
  private TinyDecoders() {}

  /** Preset name to its tiny config, one per family. */
  public static Map<String, HfConfig> all() {
    Map<String, HfConfig> m = new LinkedHashMap<>();
    m.put("qwen2.5-0.5b", tiny("qwen2.5-0.5b", Map.of("max_window_layers", "2", "sliding_window", "512")));
    m.put("qwen3-0.6b", tiny("qwen3-0.6b", Map.of("head_dim", "64", "max_window_layers", "2")));
    m.put("qwen3-30b-a3b", tiny("qwen3-30b-a3b", Map.of("head_dim", "64", "max_window_layers", "2",
        "num_experts", "4", "num_experts_per_tok", "2", "moe_intermediate_size", "256")));
    m.put("gemma3-1b", tiny("gemma3-1b", Map.of("head_dim", "64", "query_pre_attn_scalar", "64",
        "num_hidden_layers", "6", "sliding_window", "4")));
    m.put("phi-4-mini", tiny("phi-4-mini", Map.of("original_max_position_embeddings", "512")));
    m.put("olmoe-1b-7b", tiny("olmoe-1b-7b", Map.of("num_key_value_heads", "4", "num_experts", "4",
        "num_experts_per_tok", "2")));
    m.put("gpt-oss-20b", tiny("gpt-oss-20b", Map.of("head_dim", "64", "num_local_experts", "4",
        "num_experts_per_tok", "2", "experts_per_token", "2", "sliding_window", "4")));
    return m;
  }

  /** The same config without rope_scaling (gpt-oss's YaRN), for a reference pass that rotates plainly. */
  public static HfConfig plainRope(HfConfig c) {
    com.fasterxml.jackson.databind.node.ObjectNode tree = c.tree();
    tree.remove("rope_scaling");
    try {
      return HfConfig.of(tree, "plain-rope " + c.architecture().modelType());
    } catch (org.inferbench.core.BadInputException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HfConfig tiny(String preset, Map<String, String> extra) {
    try {
      Map<String, String> o = new LinkedHashMap<>(Map.of("hidden_size", "256", "intermediate_size", "512",
          "num_attention_heads", "4", "num_key_value_heads", "2", "num_hidden_layers", "2", "vocab_size", "512",
          "max_position_embeddings", "512", "initializer_range", "0.1"));
      o.putAll(extra);
      if (preset.startsWith("gpt-oss")) o.put("num_hidden_layers", "2");
      return Presets.get(preset).withOverrides(o);
    } catch (org.inferbench.core.BadInputException e) {
      throw new IllegalStateException(e);
    }
  }
}
