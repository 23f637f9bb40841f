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
import java.util.Set;
import org.inferbench.engine.BadInputException;
import org.inferbench.engine.ModelShape;
import org.inferbench.engine.TransformerDims;

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
      copy.set(key, parseLike(key, value, old));
    }
    HfConfig result = new HfConfig(copy, architecture);
    try {
      result.validate("--model-opt");
    } catch (BadInputException | IllegalStateException ex) {
      throw new IllegalArgumentException(ex.getMessage(), ex);
    }
    return result;
  }

  private static JsonNode parseLike(String key, String value, JsonNode old) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    String wrong = "--model-opt " + key + ": expected ";
    if (old == null || old.isNull()) {
      JsonNode guess;
      try {
        guess = JSON.readTree(value);
      } catch (JsonProcessingException e) {
        return f.textNode(value);
      }
      return guess.isValueNode() ? guess : f.textNode(value);
    }
    if (old.isIntegralNumber()) {
      try {
        return f.numberNode(Long.parseLong(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(wrong + "an integer, got \"" + value + "\"");
      }
    }
    if (old.isNumber()) {
      try {
        return f.numberNode(Double.parseDouble(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(wrong + "a number, got \"" + value + "\"");
      }
    }
    if (old.isBoolean()) {
      if (!value.equals("true") && !value.equals("false")) {
        throw new IllegalArgumentException(wrong + "true or false, got \"" + value + "\"");
      }
      return f.booleanNode(Boolean.parseBoolean(value));
    }
    if (old.isTextual()) {
      return f.textNode(value);
    }
    throw new IllegalArgumentException("--model-opt " + key + ": only scalar fields can be overridden");
  }

  /** Fields an architecture reads with a default when absent, so they may be set by an override. */
  private Set<String> optionalKeys() {
    return switch (architecture) {
      case GPT2 -> Set.of("n_inner", "layer_norm_epsilon", "activation_function");
      case BERT -> Set.of("type_vocab_size", "layer_norm_eps", "hidden_act");
      case MODERNBERT -> Set.of("norm_eps", "local_attention", "global_attn_every_n_layers", "global_rope_theta",
          "local_rope_theta", "norm_bias", "mlp_bias", "attention_bias");
      case T5 -> Set.of("num_decoder_layers", "layer_norm_epsilon", "relative_attention_num_buckets",
          "relative_attention_max_distance", "feed_forward_proj", "tie_word_embeddings", "n_positions");
      case LLAMA -> Set.of("num_key_value_heads", "head_dim", "rms_norm_eps", "rope_theta", "tie_word_embeddings",
          "hidden_act");
    };
  }

  private void validate(String source) throws BadInputException {
    positive(source, "layers", layers());
    positive(source, "hidden", hidden());
    positive(source, "heads", heads());
    positive(source, "vocab_size", vocabSize());
    positive(source, "ffn", ffn());
    if (architecture != Architecture.T5 && architecture != Architecture.LLAMA && hidden() % heads() != 0) {
      throw new BadInputException(source + ": hidden size " + hidden() + " is not a multiple of heads " + heads());
    }
    // the writer builds one activation and bias layout per family; refuse configs that ask for another
    switch (architecture) {
      case GPT2 -> expect(source, "activation_function", "gelu_new", "gelu_new");
      case BERT -> {
        expect(source, "hidden_act", "gelu", "gelu");
        expect(source, "position_embedding_type", "absolute", "absolute");
      }
      case MODERNBERT -> {
        expect(source, "hidden_activation", "gelu", "gelu");
        for (String bias : new String[] {"norm_bias", "mlp_bias", "attention_bias"}) {
          if (tree.path(bias).asBoolean(false)) {
            throw new BadInputException(source + ": " + bias + " true is not supported; expected false");
          }
        }
      }
      case T5 -> expect(source, "feed_forward_proj", "relu", "relu");
      case LLAMA -> {
        expect(source, "hidden_act", "silu", "silu");
        if (heads() % kvHeads() != 0) {
          throw new BadInputException(source + ": num_key_value_heads " + kvHeads() + " does not divide heads "
              + heads());
        }
        String rope = tree.path("rope_scaling").path("rope_type").asText(tree.path("rope_scaling").path("type")
            .asText("llama3"));
        if (tree.path("rope_scaling").isObject() && !rope.equals("llama3")) {
          throw new BadInputException(source + ": rope_scaling type \"" + rope + "\" is not supported; expected llama3");
        }
      }
    }
    if (architecture == Architecture.MODERNBERT && headDim() % 2 != 0) {
      throw new BadInputException(source + ": head dim " + headDim() + " must be even for rotary embeddings");
    }
  }

  private void expect(String source, String key, String fallback, String supported) throws BadInputException {
    String value = text(key, fallback);
    if (!value.equals(supported)) {
      throw new BadInputException(source + ": " + key + " \"" + value + "\" is not supported; expected " + supported);
    }
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
    return switch (architecture) {
      case GPT2 -> integer("n_layer");
      case BERT, MODERNBERT, LLAMA -> integer("num_hidden_layers");
      case T5 -> integer("num_decoder_layers", integer("num_layers"));
    };
  }

  /** Encoder blocks of an encoder-decoder; equal to {@link #layers()} for the others. */
  public int encoderLayers() {
    return architecture == Architecture.T5 ? integer("num_layers") : layers();
  }

  public int hidden() {
    return switch (architecture) {
      case GPT2 -> integer("n_embd");
      case BERT, MODERNBERT, LLAMA -> integer("hidden_size");
      case T5 -> integer("d_model");
    };
  }

  public int heads() {
    return switch (architecture) {
      case GPT2 -> integer("n_head");
      case BERT, MODERNBERT, LLAMA -> integer("num_attention_heads");
      case T5 -> integer("num_heads");
    };
  }

  /** Key/value heads: fewer than the query heads under grouped-query attention (Llama), else all of them. */
  public int kvHeads() {
    return architecture == Architecture.LLAMA ? integer("num_key_value_heads", heads()) : heads();
  }

  public int headDim() {
    return switch (architecture) {
      case T5 -> integer("d_kv");
      case LLAMA -> integer("head_dim", hidden() / heads());
      default -> hidden() / heads();
    };
  }

  /** Feed-forward inner size. */
  public int ffn() {
    return switch (architecture) {
      case GPT2 -> tree.path("n_inner").isNumber() ? integer("n_inner") : 4 * hidden();
      case BERT, MODERNBERT, LLAMA -> integer("intermediate_size");
      case T5 -> integer("d_ff");
    };
  }

  public int vocabSize() {
    return integer("vocab_size");
  }

  /**
   * The longest sequence the model takes. T5 has no position table (relative position buckets saturate at
   * relative_attention_max_distance), so it has no hard limit: use n_positions when the config states one, else a
   * large bound so workloads are never refused for length.
   */
  public int maxPositions() {
    return switch (architecture) {
      case GPT2 -> integer("n_positions");
      case BERT, MODERNBERT, LLAMA -> integer("max_position_embeddings");
      case T5 -> integer("n_positions", 1 << 20);
    };
  }

  public double eps() {
    return switch (architecture) {
      case GPT2 -> number("layer_norm_epsilon", 1e-5);
      case BERT -> number("layer_norm_eps", 1e-12);
      case MODERNBERT -> number("norm_eps", 1e-5);
      case T5 -> number("layer_norm_epsilon", 1e-6);
      case LLAMA -> number("rms_norm_eps", 1e-6);
    };
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

  /**
   * Whether the output projection is the input embedding. T5 and Llama may untie; the others always tie. Absent,
   * Hugging Face's default holds: tied, except for Llama (LlamaConfig defaults to untied).
   */
  public boolean tiedEmbeddings() {
    boolean fallback = architecture != Architecture.LLAMA;
    return tree.path("tie_word_embeddings").asBoolean(fallback);
  }

  /**
   * The transformer's dimensions for FLOP and byte counts. ModernBERT's local layers mask attention outside a
   * window but the graph still computes the full score matrix, so every layer counts as global attention: the FLOPs
   * the graph executes, not the fewer it needs.
   */
  public TransformerDims dims() {
    return switch (architecture) {
      case GPT2 -> new TransformerDims(layers(), hidden(), heads(), kvHeads(), headDim(), ffn(), vocabSize(),
          maxPositions(), true, 0, ModelShape.DECODER, false, true, true);
      case BERT -> new TransformerDims(layers(), hidden(), heads(), kvHeads(), headDim(), ffn(), vocabSize(),
          maxPositions(), true, 0, ModelShape.ENCODER, false, true, true);
      // GeGLU feed-forward (one [h × 2·ffn] input projection = gate + up), no biases, norms without bias, rotary
      case MODERNBERT -> new TransformerDims(layers(), hidden(), heads(), kvHeads(), headDim(), ffn(), vocabSize(),
          0, true, 0, ModelShape.ENCODER, true, false, false);
      case T5 -> new TransformerDims(layers(), hidden(), heads(), kvHeads(), headDim(), ffn(), vocabSize(), 0,
          tiedEmbeddings(), encoderLayers(), ModelShape.ENCODER_DECODER,
          text("feed_forward_proj", "relu").startsWith("gated"), false, false);
      // SwiGLU (gate, up, down), no biases, RMSNorm, rotary positions
      case LLAMA -> new TransformerDims(layers(), hidden(), heads(), kvHeads(), headDim(), ffn(), vocabSize(), 0,
          tiedEmbeddings(), 0, ModelShape.DECODER, true, false, false);
    };
  }

  /** Unique trainable weights, tied weights counted once; BERT includes its pooler as the published count does. */
  public long parameterCount() {
    long h = hidden();
    long f = ffn();
    long v = vocabSize();
    return switch (architecture) {
      case GPT2 -> v * h + (long) maxPositions() * h
          + layers() * (4 * h /*two norms*/ + h * 3 * h + 3 * h + h * h + h + h * f + f + f * h + h) + 2 * h;
      case BERT -> v * h + (long) maxPositions() * h + (long) typeVocabSize() * h + 2 * h
          + layers() * (4 * (h * h + h) + h * f + f + f * h + h + 4 * h) + h * h + h;
      case MODERNBERT -> v * h + h
          + layers() * (h * 3 * h + h * h + 2 * h + h * 2 * f + f * h) - h /*layer 0 has no attention norm*/ + h;
      case T5 -> {
        long inner = (long) heads() * headDim();
        long attn = 4 * h * inner;
        long ff = 2 * h * f;
        long rel = (long) relativeBuckets() * heads();
        long enc = encoderLayers() * (attn + ff + 2 * h) + rel + h;
        long dec = layers() * (2 * attn + ff + 3 * h) + rel + h;
        yield v * h + enc + dec + (tiedEmbeddings() ? 0 : v * h);
      }
      case LLAMA -> {
        long q = (long) heads() * headDim();
        long kv = (long) kvHeads() * headDim();
        long layer = h * q + 2 * h * kv + q * h + 3 * h * f + 2 * h;
        yield v * h + layers() * layer + h + (tiedEmbeddings() ? 0 : v * h);
      }
    };
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
