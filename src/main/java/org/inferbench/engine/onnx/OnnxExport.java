package org.inferbench.engine.onnx;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.model.Architecture;
import org.inferbench.model.HfConfig;

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
public record OnnxExport(String name, Path dir, HfConfig config, Architecture architecture, String dtype,
    String layout, Path encoderFile, List<Path> decoderFiles, Path tokenizerJson, boolean synthesized) {
  public OnnxExport {
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

  /** Ids never to use in random prompts: the config's special ids and the tokenizer's special tokens. */
  public int[] specialTokenIds() {
    return config.specialTokenIds(tokenizerJson);
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
