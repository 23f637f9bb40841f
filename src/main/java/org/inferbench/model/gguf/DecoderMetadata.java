package org.inferbench.model.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import org.inferbench.core.ExpertDims;
import org.inferbench.model.Architecture;
import org.inferbench.model.HfConfig;

/**
 * The metadata llama.cpp reads for the Llama-like families after llama (src/llama-model.cpp load_hparams and each
 * src/models/*.cpp load_arch_hparams; key names from src/llama-arch.cpp), with the types its loader insists on (u32
 * counts, f32 scales), as convert_hf_to_gguf.py writes them from a config.json.
 */
final class DecoderMetadata {
  private DecoderMetadata() {}

  static void put(GgufWriter w, HfConfig c, String arch) {
    w.put(arch + ".context_length", GgufValue.u32(c.maxPositions()));
    w.put(arch + ".embedding_length", GgufValue.u32(c.hidden()));
    w.put(arch + ".block_count", GgufValue.u32(c.layers()));
    w.put(arch + ".feed_forward_length", GgufValue.u32(c.ffn()));
    w.put(arch + ".attention.head_count", GgufValue.u32(c.heads()));
    w.put(arch + ".attention.head_count_kv", GgufValue.u32(c.kvHeads()));
    w.put(arch + ".attention.layer_norm_rms_epsilon", GgufValue.f32((float) c.eps()));
    w.put(arch + ".attention.key_length", GgufValue.u32(c.headDim()));
    w.put(arch + ".attention.value_length", GgufValue.u32(c.headDim()));
    w.put(arch + ".rope.freq_base", GgufValue.f32((float) c.ropeTheta()));
    w.put(arch + ".rope.dimension_count", GgufValue.u32(c.ropeDims()));
    w.put(arch + ".vocab_size", GgufValue.u32(c.vocabSize()));
    ExpertDims e = c.experts();
    if (e.present()) {
      w.put(arch + ".expert_count", GgufValue.u32(e.count()));
      w.put(arch + ".expert_used_count", GgufValue.u32(e.used()));
      w.put(arch + ".expert_feed_forward_length", GgufValue.u32(e.ffn()));
    }
    if (c.architecture() == Architecture.GEMMA3 || c.architecture() == Architecture.GPT_OSS) {
      // the window of the sliding layers; which layers slide is llama.cpp's default pattern for the family (gemma3:
      // every 6th layer global; gpt-oss: alternate, sliding first), the same as these configs' own
      w.put(arch + ".attention.sliding_window", GgufValue.u32(c.integer("sliding_window")));
    }
    if (c.architecture() == Architecture.GEMMA3) {
      w.put(arch + ".rope.freq_base_swa", GgufValue.f32((float) c.number("rope_local_base_freq", 10000)));
    }
    JsonNode r = c.tree().path("rope_scaling");
    if (r.isObject()) {
      String type = r.path("rope_type").asText(r.path("type").asText());
      w.put(arch + ".rope.scaling.type", GgufValue.string(type));
      w.put(arch + ".rope.scaling.factor", GgufValue.f32((float) r.path("factor").asDouble(1)));
      if (r.has("original_max_position_embeddings")) {
        w.put(arch + ".rope.scaling.original_context_length",
            GgufValue.u32(r.path("original_max_position_embeddings").asInt()));
      }
    }
  }
}
