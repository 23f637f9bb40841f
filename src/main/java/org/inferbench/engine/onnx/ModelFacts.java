package org.inferbench.engine.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.nio.file.Path;
import java.util.TreeMap;
import org.inferbench.engine.BadInputException;
import org.inferbench.engine.ModelShape;

/**
 * What the engine needs from a Hugging Face config.json, under whichever of the model families' field names it
 * uses (n_layer / num_hidden_layers / num_layers, ...), with the user's overrides applied.
 */
record ModelFacts(String modelType, ModelShape shape, int layers, int decoderLayers, int heads, int kvHeads,
    int hidden, int headDim, int vocabSize, int maxPositions, int eosTokenId, int bosTokenId, int padTokenId,
    int decoderStartTokenId, String configHash, Map<String, Object> overrides) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ENCODER_TYPES = Set.of("bert", "roberta", "distilbert", "xlm-roberta", "albert",
      "electra", "mpnet", "deberta", "deberta-v2", "camembert", "nomic_bert", "modernbert");

  static ModelFacts of(ObjectNode config, Map<String, String> overrides, String where) throws BadInputException {
    ObjectNode c = config.deepCopy();
    Map<String, Object> applied = new TreeMap<>();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      JsonNode v = parseValue(e.getValue());
      c.set(e.getKey(), v);
      applied.put(e.getKey(), e.getValue());
    }
    String type = c.path("model_type").asText("");
    boolean encDec = c.path("is_encoder_decoder").asBoolean(false) || type.equals("t5") || type.equals("bart")
        || type.equals("mt5") || type.equals("marian");
    ModelShape shape = encDec ? ModelShape.ENCODER_DECODER
        : ENCODER_TYPES.contains(type) ? ModelShape.ENCODER : ModelShape.DECODER;
    int layers = intOf(c, where, true, "num_hidden_layers", "n_layer", "num_layers", "encoder_layers");
    int decoderLayers = encDec ? firstPresent(c, layers, "num_decoder_layers", "decoder_layers") : layers;
    int heads = intOf(c, where, true, "num_attention_heads", "n_head", "num_heads", "encoder_attention_heads");
    int kvHeads = firstPresent(c, heads, "num_key_value_heads");
    int hidden = intOf(c, where, true, "hidden_size", "n_embd", "d_model");
    int headDim = firstPresent(c, hidden / Math.max(1, heads), "head_dim", "d_kv");
    int vocab = intOf(c, where, true, "vocab_size");
    // T5 has relative positions and no hard limit; its tokenizers cap inputs at n_positions (512)
    int maxPos = firstPresent(c, 512, "max_position_embeddings", "n_positions", "n_ctx");
    int eos = firstPresent(c, -1, "eos_token_id");
    int bos = firstPresent(c, -1, "bos_token_id");
    int pad = firstPresent(c, -1, "pad_token_id");
    int start = firstPresent(c, pad >= 0 ? pad : 0, "decoder_start_token_id");
    return new ModelFacts(type, shape, layers, decoderLayers, heads, kvHeads, hidden, headDim, vocab, maxPos, eos,
        bos, pad, start, hash(c), Map.copyOf(applied));
  }

  /** The same facts with the hash and overrides of the shared model config (presets). */
  ModelFacts withProvenance(String hash, Map<String, Object> applied) {
    return new ModelFacts(modelType, shape, layers, decoderLayers, heads, kvHeads, hidden, headDim, vocabSize,
        maxPositions, eosTokenId, bosTokenId, padTokenId, decoderStartTokenId, hash, Map.copyOf(applied));
  }

  /**
   * Ids random prompts must avoid: the config's eos/bos/pad (and decoder start for encoder-decoders), plus every
   * token tokenizer.json marks special ([CLS], [SEP], [MASK], [UNK], ...), when there is one.
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
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  private static JsonNode parseValue(String raw) {
    try {
      return JSON.readTree(raw);
    } catch (IOException e) {
      return JsonNodeFactory.instance.textNode(raw);
    }
  }

  private static int intOf(ObjectNode c, String where, boolean required, String... keys) throws BadInputException {
    for (String k : keys) {
      JsonNode v = c.get(k);
      if (v != null && v.canConvertToInt()) return v.asInt();
    }
    throw new BadInputException(where + ": model config has no " + String.join(" / ", keys) + " (expected an integer)");
  }

  private static int firstPresent(ObjectNode c, int fallback, String... keys) {
    for (String k : keys) {
      JsonNode v = c.get(k);
      if (v != null && v.canConvertToInt()) return v.asInt();
      if (v != null && v.isArray() && !v.isEmpty() && v.get(0).canConvertToInt()) return v.get(0).asInt();
    }
    return fallback;
  }

  /** SHA-256 of the config with keys sorted, so the same config hashes the same whatever its key order. */
  private static String hash(ObjectNode c) {
    try {
      Object canonical = JSON.treeToValue(c, TreeMap.class);
      byte[] bytes = JSON.copy().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS,
          true).writeValueAsBytes(canonical);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s+", " ").trim();
  }
}
