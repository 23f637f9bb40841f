package org.inferbench.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.engine.ModelInfo;

/**
 * A model ready to load: its directory, config, and the ONNX files of the chosen dtype and layout.
 *
 * @param name the preset name or the directory as given
 * @param dir the model directory (a cache entry for presets)
 * @param config the parsed config (overrides applied)
 * @param architecture the family
 * @param dtype fp32, fp16 or int8
 * @param layout single, merged or split: the layout actually found (a directory may offer another than asked)
 * @param encoderFile the encoder (BERT, ModernBERT: the model; T5: encoder_model), or null for GPT-2
 * @param decoderFiles GPT-2/T5 decoder: one file (single, merged) or two (split: first step, then with past);
 *     empty for encoders
 * @param tokenizerJson tokenizer.json, or null when the directory has none
 * @param synthesized whether InferBench wrote the weights (random values)
 */
public record ResolvedModel(String name, Path dir, ModelConfig config, Architecture architecture, String dtype,
    String layout, Path encoderFile, List<Path> decoderFiles, Path tokenizerJson, boolean synthesized) {
  public ResolvedModel {
    decoderFiles = List.copyOf(decoderFiles);
  }

  /** Every ONNX file of the model. */
  public List<Path> onnxFiles() {
    List<Path> all = new java.util.ArrayList<>();
    if (encoderFile != null) {
      all.add(encoderFile);
    }
    all.addAll(decoderFiles);
    return all;
  }

  /**
   * Ids never to use in random prompts: the tokenizer's special added tokens when tokenizer.json exists, plus the
   * special ids the config names (bos, eos, pad, ...).
   */
  public int[] specialTokenIds() {
    java.util.TreeSet<Integer> ids = new java.util.TreeSet<>();
    for (String key : List.of("bos_token_id", "eos_token_id", "pad_token_id", "decoder_start_token_id",
        "cls_token_id", "sep_token_id", "unk_token_id", "mask_token_id")) {
      int id = config.integer(key, -1);
      if (id >= 0 && id < config.vocabSize()) {
        ids.add(id);
      }
    }
    if (tokenizerJson != null) {
      try {
        com.fasterxml.jackson.databind.JsonNode added = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(tokenizerJson.toFile()).path("added_tokens");
        for (com.fasterxml.jackson.databind.JsonNode t : added) {
          int id = t.path("id").asInt(-1);
          if (t.path("special").asBoolean(false) && id >= 0 && id < config.vocabSize()) {
            ids.add(id);
          }
        }
      } catch (java.io.IOException e) {
        // an unreadable tokenizer leaves the config's ids; loading the tokenizer will report the file itself
      }
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /** What an engine reports before loading: shape, limits, vocabulary, config hash, dtype and details. */
  public ModelInfo info() {
    return new ModelInfo(name, architecture.shape(), config.maxPositions(), config.vocabSize(), specialTokenIds(),
        config.configHash(), dtype, details());
  }

  /** Facts worth recording with a result. */
  public Map<String, Object> details() {
    Map<String, Object> m = new LinkedHashMap<>(config.summary());
    m.put("dtype", dtype);
    m.put("layout", layout);
    m.put("path", dir.toString());
    m.put("synthesized", synthesized);
    return m;
  }
}
