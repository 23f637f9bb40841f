package org.inferbench.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.core.ExpertDims;
import org.inferbench.core.TransformerDims;

/**
 * A parsed Hugging Face config.json (a preset's, or a model directory's): what a synthesised model is written from,
 * whatever the format. The full JSON tree is kept so the file round-trips; typed accessors read the fields each
 * architecture names differently (n_embd vs hidden_size vs d_model).
 */
public final class HfConfig {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final ObjectNode tree;
  private final Architecture architecture;

  private HfConfig(ObjectNode tree, Architecture architecture) {
    this.tree = tree;
    this.architecture = architecture;
  }

  /** Parses a config tree; an unknown model_type is an error that lists the known ones. */
  public static HfConfig of(JsonNode node, String source) throws BadInputException {
    if (!(node instanceof ObjectNode object)) {
      throw new BadInputException(source + ": expected a JSON object (a Hugging Face config.json)");
    }
    JsonNode type = object.get("model_type");
    if (type == null || !type.isTextual()) {
      throw new BadInputException(source + ": no \"model_type\" field; expected one of " + Architecture.known());
    }
    Architecture arch = Architecture.fromModelType(type.asText()).orElseThrow(() -> new BadInputException(
        source + ": model_type \"" + type.asText() + "\" is not supported; known: " + Architecture.known()));
    HfConfig config = new HfConfig(object.deepCopy(), arch);
    try {
      config.validate(source);
    } catch (IllegalStateException e) {
      throw new BadInputException(source + ": " + e.getMessage(), e);
    }
    return config;
  }

  public static HfConfig read(Path file) throws BadInputException {
    JsonNode node;
    try {
      node = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read as JSON (" + oneLine(e.getMessage()) + ")", e);
    }
    return of(node, file.toString());
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, toJson(), StandardCharsets.UTF_8);
  }

  /** Pretty JSON in the tree's own key order, as config.json is written. */
  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of the JSON tree. */
  public ObjectNode tree() {
    return tree.deepCopy();
  }

  /**
   * Applies {@code --model-opt key=value} overrides. A key must be a field of this config or an optional field the
   * architecture reads; the value must parse as the field's JSON type.
   *
   * @throws IllegalArgumentException naming the key, on an unknown key or a value of the wrong type
   */
  public HfConfig withOverrides(Map<String, String> overrides) {
    if (overrides.isEmpty()) {
      return this;
    }
    ObjectNode copy = tree.deepCopy();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String key = e.getKey();
      String value = e.getValue().trim();
      JsonNode old = copy.get(key);
      if (old == null && !optionalKeys().contains(key)) {
        throw new IllegalArgumentException("--model-opt " + key + ": not a field of this " + architecture.modelType()
            + " config");
      }
      if ("model_type".equals(key)) {
        throw new IllegalArgumentException("--model-opt model_type: cannot be overridden; use another model");
      }
      copy.set(key, OverrideValues.parseLike(key, value, old));
    }
    HfConfig result = new HfConfig(copy, architecture);
    try {
      result.validate("--model-opt");
    } catch (BadInputException | IllegalStateException ex) {
      throw new IllegalArgumentException(ex.getMessage(), ex);
    }
    return result;
  }

  /** Fields an architecture reads with a default when absent, so they may be set by an override. */
  private java.util.Set<String> optionalKeys() {
    return architecture.family().optionalKeys();
  }

  private void validate(String source) throws BadInputException {
    positive(source, "layers", layers());
    positive(source, "hidden", hidden());
    positive(source, "heads", heads());
    positive(source, "vocab_size", vocabSize());
    positive(source, "ffn", ffn());
    // the writers build one activation and bias layout per family; it refuses configs that ask for another
    architecture.family().validate(this, source);
  }

  private static void positive(String source, String name, long v) throws BadInputException {
    if (v <= 0) {
      throw new BadInputException(source + ": " + name + " must be positive, got " + v);
    }
  }

  public Architecture architecture() {
    return architecture;
  }

  /** Transformer blocks; for T5 the decoder's (it runs once per generated token). */
  public int layers() {
    return architecture.family().layers(this);
  }

  /** Encoder blocks of an encoder-decoder; equal to {@link #layers()} for the others. */
  public int encoderLayers() {
    return architecture == Architecture.T5 ? integer("num_layers") : layers();
  }

  public int hidden() {
    return integer(keys().hidden());
  }

  public int heads() {
    return integer(keys().heads());
  }

  /** Key/value heads: fewer than the query heads under grouped-query attention, else all of them. */
  public int kvHeads() {
    return architecture.family().kvHeads(this);
  }

  public int headDim() {
    return architecture.family().headDim(this);
  }

  /** Feed-forward inner size (of a mixture of experts, the config's dense width: see {@link #experts()}). */
  public int ffn() {
    return architecture.family().ffn(this);
  }

  /** The mixture-of-experts block (expert count, top-k, expert width), or {@link ExpertDims#NONE}. */
  public ExpertDims experts() {
    return architecture.family().experts(this);
  }

  public int vocabSize() {
    return integer("vocab_size");
  }

  /** The longest sequence the model takes (T5: n_positions when stated, else unbounded in practice). */
  public int maxPositions() {
    return architecture.family().maxPositions(this);
  }

  public double eps() {
    return number(keys().eps(), keys().epsFallback());
  }

  private Family.Keys keys() {
    return architecture.family().keys();
  }

  /** Llama: the RoPE base frequency. */
  public double ropeTheta() {
    return number("rope_theta", 10000.0);
  }

  /**
   * Llama 3's rope scaling (rope_type "llama3"): factor, low and high frequency factors, and the original context,
   * or null when the config has none.
   */
  public RopeScaling ropeScaling() {
    JsonNode r = tree.path("rope_scaling");
    if (!r.isObject()) return null;
    return new RopeScaling(r.path("factor").asDouble(8.0), r.path("low_freq_factor").asDouble(1.0),
        r.path("high_freq_factor").asDouble(4.0), r.path("original_max_position_embeddings").asInt(8192));
  }

  /** Llama 3's frequency-dependent RoPE scaling parameters (Hugging Face rope_scaling, rope_type "llama3"). */
  public record RopeScaling(double factor, double lowFreqFactor, double highFreqFactor, int originalContext) {}

  public int typeVocabSize() {
    return integer("type_vocab_size", 2);
  }

  /** Rotary width of a head: head_dim × partial_rotary_factor (Phi-3's 0.75), else the whole head. */
  public int ropeDims() {
    return (int) Math.round(headDim() * number("partial_rotary_factor", 1.0));
  }

  /** ModernBERT: sliding-window width of local-attention layers (tokens, both sides together). */
  public int localAttention() {
    return integer("local_attention", 128);
  }

  /** ModernBERT: every n-th layer (0, n, 2n, ...) attends globally. */
  public int globalAttentionEvery() {
    return integer("global_attn_every_n_layers", 3);
  }

  public double globalRopeTheta() {
    return number("global_rope_theta", 160000.0);
  }

  public double localRopeTheta() {
    return number("local_rope_theta", 10000.0);
  }

  public int relativeBuckets() {
    return integer("relative_attention_num_buckets", 32);
  }

  public int relativeMaxDistance() {
    return integer("relative_attention_max_distance", 128);
  }

  /** Whether the output projection is the input embedding (absent: the config class's default). */
  public boolean tiedEmbeddings() {
    return architecture.family().tiedEmbeddings(this);
  }

  /** The transformer's dimensions for FLOP and byte counts. */
  public TransformerDims dims() {
    return architecture.family().dims(this);
  }

  /** Unique trainable weights, tied weights counted once; BERT includes its pooler as the published count does. */
  public long parameterCount() {
    return architecture.family().parameters(this);
  }

  /** Parameters one token uses: {@link #parameterCount()} less the experts it is not routed to. */
  public long activeParameterCount() {
    return architecture.family().activeParameters(this);
  }

  /**
   * Ids random prompts must avoid, known before loading: the special ids the config names (bos, eos, pad, decoder
   * start, cls, sep, unk, mask) and every token tokenizer.json marks special, when there is one.
   *
   * @param tokenizerJson the model's tokenizer.json, or null
   */
  public int[] specialTokenIds(Path tokenizerJson) {
    java.util.TreeSet<Integer> ids = new java.util.TreeSet<>();
    for (String key : java.util.List.of("bos_token_id", "eos_token_id", "pad_token_id", "decoder_start_token_id",
        "cls_token_id", "sep_token_id", "unk_token_id", "mask_token_id")) {
      int id = integer(key, -1);
      if (id >= 0) ids.add(id);
    }
    if (tokenizerJson != null) {
      try {
        for (JsonNode t : JSON.readTree(tokenizerJson.toFile()).path("added_tokens")) {
          if (t.path("special").asBoolean(false) && t.path("id").canConvertToInt()) ids.add(t.path("id").asInt());
        }
      } catch (IOException e) {
        // an unreadable tokenizer leaves the config's ids; loading the tokenizer reports the file itself
      }
    }
    ids.removeIf(id -> id >= vocabSize());
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /** SHA-256 of the canonical JSON (keys sorted, compact): an overridden model is a different model. */
  public String configHash() {
    try {
      Object plain = CANONICAL.convertValue(tree, Object.class);
      byte[] bytes = CANONICAL.writeValueAsBytes(plain);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The facts worth recording with a result. */
  public Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model_type", architecture.modelType());
    m.put("layers", layers());
    if (architecture == Architecture.T5) {
      m.put("encoder_layers", encoderLayers());
    }
    m.put("hidden", hidden());
    m.put("heads", heads());
    m.put("kv_heads", kvHeads());
    m.put("head_dim", headDim());
    m.put("ffn", ffn());
    if (experts().present()) {
      m.put("experts", experts().count());
      m.put("experts_per_token", experts().used());
      m.put("expert_ffn", experts().ffn());
      m.put("active_parameters", activeParameterCount());
    }
    m.put("vocab_size", vocabSize());
    m.put("max_positions", maxPositions());
    m.put("parameters", parameterCount());
    m.put("config_hash", configHash());
    return m;
  }

  public int integer(String key) {
    JsonNode n = tree.get(key);
    if (n == null || !n.canConvertToInt()) {
      throw new IllegalStateException("config field " + key + " missing or not an integer");
    }
    return n.asInt();
  }

  public int integer(String key, int fallback) {
    JsonNode n = tree.get(key);
    return n == null || n.isNull() ? fallback : n.asInt();
  }

  public double number(String key, double fallback) {
    JsonNode n = tree.get(key);
    return n == null || n.isNull() ? fallback : n.asDouble();
  }

  public String text(String key, String fallback) {
    JsonNode n = tree.get(key);
    return n == null || n.isNull() ? fallback : n.asText();
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HfConfig other && other.tree.equals(tree);
  }

  @Override
  public int hashCode() {
    return tree.hashCode();
  }

  @Override
  public String toString() {
    return architecture.modelType() + " " + summary();
  }
}
