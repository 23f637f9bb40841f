package org.inferbench.model.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.inferbench.model.HfConfig;

/**
 * Writes a tokenizer.json that the Hugging Face tokenizers library loads: a WordLevel model over exactly vocab_size
 * tokens (the family's special tokens at their usual ids, synthetic words {@code tok<id>} elsewhere) split on
 * whitespace. Benchmarks feed token ids, so only the vocabulary size and the special ids matter.
 */
final class TokenizerWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TokenizerWriter() {}

  static void write(HfConfig c, Path dir) throws IOException {
    Map<String, Integer> specials = SpecialTokens.of(c);
    String[] vocab = new String[c.vocabSize()];
    specials.forEach((token, id) -> vocab[id] = token);
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    specials.forEach((token, id) -> {
      ObjectNode t = added.addObject();
      t.put("id", id);
      t.put("content", token);
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      t.put("special", true);
    });
    root.putNull("normalizer");
    root.putObject("pre_tokenizer").put("type", "WhitespaceSplit");
    root.putNull("post_processor");
    root.putNull("decoder");
    ObjectNode model = root.putObject("model");
    model.put("type", "WordLevel");
    ObjectNode words = model.putObject("vocab");
    for (int id = 0; id < vocab.length; id++) {
      words.put(vocab[id] != null ? vocab[id] : "tok" + id, id);
    }
    // WordLevel needs an unknown token even where the family has none (Llama 3, SmolLM2): the word at id 0
    String unk = SpecialTokens.role(c, "unk");
    model.put("unk_token", unk != null ? unk : vocab[0] != null ? vocab[0] : "tok0");
    JSON.writeValue(dir.resolve("tokenizer.json").toFile(), root);

    ObjectNode config = JSON.createObjectNode();
    config.put("tokenizer_class", "PreTrainedTokenizerFast");
    config.put("model_max_length", c.maxPositions());
    for (String role : new String[] {"bos", "eos", "unk", "pad", "cls", "sep", "mask"}) {
      String token = SpecialTokens.role(c, role);
      if (token != null) {
        config.put(role + "_token", token);
      }
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("tokenizer_config.json").toFile(), config);
  }

  /** generation_config.json: the ids a generate loop needs. */
  static void writeGenerationConfig(HfConfig c, Path dir) throws IOException {
    Map<String, Integer> specials = SpecialTokens.of(c);
    ObjectNode g = JSON.createObjectNode();
    for (String role : new String[] {"bos", "eos", "pad"}) {
      String token = SpecialTokens.role(c, role);
      if (token != null) {
        g.put(role + "_token_id", specials.get(token));
      }
    }
    if (c.architecture() == org.inferbench.model.Architecture.T5) {
      g.put("decoder_start_token_id", specials.get("<pad>"));
    }
    g.put("_from_model_config", true);
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("generation_config.json").toFile(), g);
  }
}
