package org.inferbench.engine.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.inferbench.engine.ModelShape;
import org.inferbench.model.ModelConfig;

/**
 * The numbers the engine reads from a model config on every step or check, taken once from the shared
 * {@link ModelConfig} (which knows each family's field names).
 *
 * @param decoderLayers the layers that hold a key/value cache (for T5 the decoder's)
 * @param overrides the {@code --model-opt} values applied, for the record
 */
record ModelFacts(String modelType, ModelShape shape, int decoderLayers, int heads, int kvHeads, int hidden,
    int headDim, int vocabSize, int maxPositions, int eosTokenId, int bosTokenId, int padTokenId,
    int decoderStartTokenId, String configHash, Map<String, Object> overrides) {

  private static final ObjectMapper JSON = new ObjectMapper();

  ModelFacts {
    overrides = Map.copyOf(overrides);
  }

  static ModelFacts of(ModelConfig c, Map<String, ?> overrides) {
    return new ModelFacts(c.architecture().modelType(), c.architecture().shape(), c.layers(), c.heads(), c.kvHeads(),
        c.hidden(), c.headDim(), c.vocabSize(), c.maxPositions(), c.integer("eos_token_id", -1),
        c.integer("bos_token_id", -1), c.integer("pad_token_id", -1), c.integer("decoder_start_token_id", 0),
        c.configHash(), Map.copyOf(overrides));
  }

  /**
   * Ids random prompts must avoid, known before loading: the config's eos/bos/pad (and decoder start for
   * encoder-decoders), plus every token tokenizer.json marks special ([CLS], [SEP], [MASK], ...), when there is one.
   */
  int[] specialTokens(Path tokenizerJson) {
    Set<Integer> ids = new TreeSet<>();
    for (int id : new int[] {eosTokenId, bosTokenId, padTokenId}) if (id >= 0) ids.add(id);
    if (shape == ModelShape.ENCODER_DECODER && decoderStartTokenId >= 0) ids.add(decoderStartTokenId);
    if (tokenizerJson != null) {
      try {
        for (JsonNode t : JSON.readTree(tokenizerJson.toFile()).path("added_tokens")) {
          if (t.path("special").asBoolean(false) && t.path("id").canConvertToInt()) ids.add(t.path("id").asInt());
        }
      } catch (IOException e) {
        // the tokenizer is read again (and reported) when the model loads; the config's ids still hold
      }
    }
    ids.removeIf(id -> id >= vocabSize);
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s+", " ").trim();
  }
}
